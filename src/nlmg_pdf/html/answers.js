// The student page's answers: kept in this browser (localStorage, under the guide's name, version
// and date, so that a new version of the guide, whose numbers may differ, starts afresh), and
// printed or downloaded as a short text file by question number. The page reads and prints
// without this script: it only adds the buttons and the keeping.
(function () {
  "use strict";
  var root = document.documentElement;
  var key = root.getAttribute("data-answers-key");
  var tools = document.getElementById("answers-tools");
  var sheet = document.getElementById("answers-sheet");
  var status = document.getElementById("answers-status");
  if (!key || !tools || !sheet || !status) {
    return;
  }
  var store = null;
  try {  // (a browser may refuse storage: private windows, some file:// pages, a full quota)
    store = window.localStorage;
    store.setItem(key + ":try", "1");
    store.removeItem(key + ":try");
  } catch (refused) {
    store = null;
  }

  function fields() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-answer]"));
  }

  function answers() {
    var kept = {};
    fields().forEach(function (field) {
      if (field.type === "radio" || field.type === "checkbox") {
        if (field.checked) {
          kept[field.name] = field.value;
        }
      } else if (field.value.trim()) {
        kept[field.name] = field.value;
      }
    });
    return kept;
  }

  function restore(kept) {
    fields().forEach(function (field) {
      if (!Object.prototype.hasOwnProperty.call(kept, field.name)) {
        return;
      }
      if (field.type === "radio" || field.type === "checkbox") {
        field.checked = kept[field.name] === field.value;
      } else {
        field.value = kept[field.name];
      }
    });
  }

  function say(words) {
    status.textContent = words;
  }

  function keep() {
    if (!store) {
      return;
    }
    try {
      store.setItem(key, JSON.stringify(answers()));
    } catch (full) {
      store = null;
      say("This browser could not keep your answers. Download them before you close the page.");
    }
  }

  // The answers as lines of text: a head naming the guide, then each set that has an answer, with
  // every item of it by number, so that a gap shows; a second line of an answer is indented.
  function text() {
    var kept = answers();
    var lines = [root.getAttribute("data-answers-title")];
    ["answers-name", "answers-class"].forEach(function (name) {
      var field = document.getElementById(name);
      lines.push(field.labels[0].textContent + ": " + (kept[name] || ""));
    });
    var answered = 0;
    document.querySelectorAll("[data-set]").forEach(function (set) {
      var items = Array.prototype.slice.call(set.querySelectorAll("[data-number]"));
      var given = items.map(function (item) { return kept[item.getAttribute("data-field")]; });
      if (!given.some(Boolean)) {
        return;
      }
      lines.push("", set.getAttribute("data-set"));
      items.forEach(function (item, at) {
        var shown = given[at] ? given[at].trim().split(/\r?\n/).join("\n    ") : "(no answer)";
        lines.push(item.getAttribute("data-number") + ". " + shown);
        answered += given[at] ? 1 : 0;
      });
    });
    if (!answered) {
      lines.push("", "(no answers yet)");
    }
    return lines.join("\n") + "\n";
  }

  function download() {
    var file = new Blob([text()], { type: "text/plain;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = root.getAttribute("data-answers-file");
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function printAnswers() {
    sheet.querySelector("pre").textContent = text();
    root.classList.add("printing-answers");
    window.print();
  }

  function clear() {
    if (!window.confirm("Clear every answer on this page? This cannot be undone.")) {
      return;
    }
    fields().forEach(function (field) {
      if (field.type === "radio" || field.type === "checkbox") {
        field.checked = false;
      } else {
        field.value = "";
      }
    });
    if (store) {
      store.removeItem(key);
    }
    say("Your answers were cleared.");
  }

  // a printed text box shows all it holds, not the rows it has on screen
  function fitBoxes() {
    document.querySelectorAll("textarea").forEach(function (box) {
      box.style.height = "";
      box.style.height = box.scrollHeight + 4 + "px";
    });
  }

  if (store) {
    try {
      restore(JSON.parse(store.getItem(key) || "{}"));
    } catch (spoiled) {
      store.removeItem(key);  // (what cannot be read back is no one's answer)
    }
  } else {
    say("This browser does not keep answers typed here. Download them before you close the page.");
  }
  document.addEventListener("input", keep);
  document.addEventListener("change", keep);
  window.addEventListener("beforeprint", fitBoxes);
  window.addEventListener("afterprint", function () { root.classList.remove("printing-answers"); });
  document.getElementById("answers-download").addEventListener("click", download);
  document.getElementById("answers-print").addEventListener("click", printAnswers);
  document.getElementById("answers-clear").addEventListener("click", clear);
  tools.hidden = false;
}());
