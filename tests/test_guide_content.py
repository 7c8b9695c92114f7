"""The full guide is all there: every part a teacher expects, counted in the loaded model."""
from __future__ import annotations

import re
from dataclasses import replace
from itertools import takewhile

import pytest

import layout_checks as lc
from conftest import ROOT, outline, shipped_guide, write_in_rules
from nlmg_pdf import model as m
from nlmg_pdf.reading.style import load_style
from nlmg_pdf.transforms import walk

CHAPTER_HEADING = re.compile(r"Chapter (\d+): \S")
PARTS = {"chapters-part-one": range(1, 10), "chapters-part-two": range(10, 18),
         "chapters-part-three": range(18, 24)}
THEMES = ["Memory and nostalgia", "Identity, humanity and the soul", "Love, friendship and loss",
          "Acceptance, conditioning and the absence of revolt", "Complicity and the ethics of the system",
          "Art and creativity"]
CHARACTERS = ["kathy", "tommy", "ruth", "miss-lucy", "miss-emily", "madame", "rodney", "chrissie",
              "keffers", "laura", "miss-geraldine"]


@pytest.fixture(scope="module")
def guide() -> m.Guide:
    return shipped_guide()


def section(guide: m.Guide, ident: str) -> m.Section:
    (found,) = [s for s in guide.sections if s.id == ident]
    return found


def blocks_of(guide: m.Guide, kind, section_id: str | None = None) -> list:
    """Every block of a kind in the guide, or in one of its sections, at any depth."""
    if section_id is not None:
        guide = replace(guide, sections=(section(guide, section_id),))
    return [block for block in walk(guide) if isinstance(block, kind)]


def headings(s: m.Section, level: int = 2) -> list[str]:
    return [m.plain_text(b.children) for b in s.blocks if isinstance(b, m.Heading) and b.level == level]


def test_every_chapter_has_a_summary_and_a_why_it_matters_box(guide):
    for section_id, chapters in PARTS.items():
        s = section(guide, section_id)
        numbers = [int(CHAPTER_HEADING.match(h)[1]) for h in headings(s)]
        assert numbers == list(chapters), section_id
        boxes = [b for b in s.blocks if isinstance(b, m.Callout) and b.title == "Why it matters"]
        assert len(boxes) == len(chapters), section_id


def test_plot_overview_and_front_sections(guide):
    for ident in ("at-a-glance", "how-to-use", "plot", "technique", "context"):
        assert section(guide, ident).blocks, ident
    how_to = blocks_of(guide, m.Only, "how-to-use")
    assert {edition for block in how_to for edition in block.editions} == set(m.Edition)


def test_characters_have_boxes_with_role_profile_and_traits(guide):
    placed = [box.character.id for box in blocks_of(guide, m.CharacterBox, "characters")]
    assert set(CHARACTERS) <= set(placed)
    for ident in CHARACTERS:
        character = guide.characters[ident]
        assert character.role and character.profile and character.traits and character.relationships
    for ident in ("kathy", "tommy", "ruth"):
        assert guide.characters[ident].arc and guide.characters[ident].quotation


def test_six_themes_and_at_least_eight_symbols(guide):
    assert headings(section(guide, "themes")) == THEMES
    assert len(headings(section(guide, "symbols"))) >= 8


def test_key_quotations(guide):
    quotations = list(guide.quotations.values())
    assert len(quotations) >= 15
    for q in quotations:
        assert q.speaker and 1 <= q.chapter <= 23 and q.themes and q.comment, q.id
    assert blocks_of(guide, m.KeyQuotations, "key-quotations")


def test_glossary_and_frequently_asked_questions(guide):
    (glossary,) = blocks_of(guide, m.Glossary)
    assert len(glossary.terms) >= 12
    assert len(headings(section(guide, "faq"))) >= 12


def test_questions_for_each_part_discussion_and_essays_all_with_guidance(guide):
    sets = {block.set_id: block.questions for block in blocks_of(guide, m.QuestionList)}
    minimum = {"part-one": 8, "part-two": 8, "part-three": 8, "discussion": 8, "essays": 6}
    for set_id, count in minimum.items():
        assert len(sets[set_id]) >= count, set_id
        assert all(q.answer for q in sets[set_id]), set_id


def test_quiz_covers_all_three_parts_with_every_kind_of_item(guide):
    (quiz,) = [block for block in blocks_of(guide, m.Quiz) if not block.check]
    assert len(quiz.items) >= 30
    assert {item.kind for item in quiz.items} == set(m.QuizKind)
    assert all(item.answer and item.chapter for item in quiz.items)
    for chapters in PARTS.values():
        assert sum(item.chapter in chapters for item in quiz.items) >= 8


def test_teacher_material_lives_in_teacher_only_places(guide):
    teacher_only = {s.id for s in guide.sections if s.editions == {m.Edition.TEACHER}}
    assert {"teaching-notes", "rubric", "answer-key"} <= teacher_only
    notes = headings(section(guide, "teaching-notes"))
    assert notes == ["Teaching sequence", "Handling sensitive topics", "Differentiation", "Discussion guidance"]
    lessons = headings(section(guide, "teaching-notes"), level=3)
    assert len(lessons) >= 8 and all(lesson.startswith("Lesson ") for lesson in lessons)


ADDITIONS = ("Reading checks", "Vocabulary and literary terms")  # a department's, on top of the guide itself


def section_pages(pdf) -> dict[str, range]:
    """Each section's pages (from 0) by its title, from the bookmarks: from its title's page to the
    page before the next title's (a section that runs on shares its first page with the one before)."""
    return _spans([(title, page - 1) for level, title, page, _ in outline(pdf) if level == 0], len(pdf.pages))


def part_pages(pdf, section_title: str) -> dict[str, range]:
    """The pages of each part (a '##' heading's bookmark) of a section, in the same way."""
    marks = outline(pdf)
    start = next(n for n, (level, title, _, _) in enumerate(marks) if level == 0 and title == section_title)
    inside = list(takewhile(lambda mark: mark[0] > 0, marks[start + 1:]))
    parts = [(title, page - 1) for level, title, page, _ in inside if level == 1]
    return _spans(parts, section_pages(pdf)[section_title].stop)


def _spans(starts: list[tuple[str, int]], end: int) -> dict[str, range]:
    """Each (title, first page) with the pages up to the next one's first, the last up to `end`."""
    stops = [page for _, page in starts[1:]] + [end]
    return {title: range(page, stop) for (title, page), stop in zip(starts, stops, strict=True)}


def drawing_space(pdf) -> dict[int, float]:
    """By page (from 0), the height each drawing takes with its words (the table or list after
    it): from the top of the first line in the drawing's Div to the bottom of the last."""
    layout = lc.read_layout(pdf.path, lc.style_margins("default"))
    space: dict[int, float] = {}
    figures = {element.parent.key for page in layout.pages for line in page.lines for element in line.elements
               if element.role == "Figure" and element.parent is not None}
    for page in layout.pages:
        for div in figures:
            held = [line for line in page.lines if any(element.key == div for element in line.elements)]
            if held:
                space[page.number - 1] = (space.get(page.number - 1, 0.0) + max(line.top for line in held)
                                          - min(line.bottom for line in held))
    return space


def test_student_edition_is_thirty_to_forty_five_pages_of_reading_plus_its_writing_space(student, teacher):
    """The guide itself (its numbered pages, after the cover, the imprint and the contents) runs
    to 30-45 pages; the workbook's ruled lines come on top of that, and so do the pages a
    department asked for later (the reading checks and the vocabulary) and the drawings with
    their words, which the next tests bound."""
    style = load_style(ROOT / "styles" / "default.yaml", "styles/default.yaml")
    frame = style.page_size[1] - style.margin_top - style.margin_bottom
    sections = section_pages(student)
    # a page an addition shares with the end of the section before it counts as the guide's
    added = {page for title in ADDITIONS for page in sections[title]
             if page > sections[title].start or student.pages[page].startswith(title)}
    first = outline(student)[0][2] - 1  # (from 0) the first section: the cover, imprint and contents do not count
    pages = [page for page in range(first, len(student.pages)) if page not in added]
    writing = 0.0
    for page in pages:
        rules = write_in_rules(student, page)
        gaps = [a - b for a, b in zip(rules, rules[1:], strict=False) if 0 < a - b < 40]
        writing += len(rules) * (min(gaps) if gaps else 0)
    drawings = sum(height for page, height in drawing_space(student).items() if page in pages)
    assert writing > 0 and added and drawings > 0
    assert 30 <= len(pages) - (writing + drawings) / frame <= 45
    assert len(teacher.pages) > 45


def test_each_reading_check_is_one_sheet_and_the_additions_stay_short(student, teacher):
    """Each Part's reading check starts a page and fits on one sheet printed on both sides, in the
    workbook and in the teacher's copy with its key; the vocabulary takes a few pages at most."""
    for pdf in (student, teacher):
        checks = part_pages(pdf, "Reading checks")
        assert len(checks) == 3, checks
        for title, pages in checks.items():
            assert 1 <= len(pages) <= 2, (pdf, title, pages)
            assert pdf.pages[pages.start].startswith(title) or pages.start == section_pages(pdf)["Reading checks"].start
    assert len(section_pages(student)["Vocabulary and literary terms"]) <= 4


def test_the_drawings_with_their_words_take_a_few_pages(student):
    """The three drawings and the table or list after each take under four pages in all, and
    each drawing is on a page of its own section (the tracker in Themes, and so on)."""
    style = load_style(ROOT / "styles" / "default.yaml", "styles/default.yaml")
    space = drawing_space(student)
    assert 2 <= sum(space.values()) / style.frame_height <= 4, space
    sections = section_pages(student)
    for title, text in (("Themes", "Chapters that develop it"), ("Plot overview", "told in chapter"),
                        ("Characters", "Kathy H. and Tommy:")):
        assert any(text in student.pages[page] for page in sections[title]), title


# --- a department's guide: the quiz covers the novel, lessons are timed, the schedule follows them ---


def test_the_quiz_tests_every_chapter():
    items = [item for block in blocks_of(shipped_guide(), m.Quiz) for item in block.items]
    covered = {item.chapter for item in items}
    assert covered >= set(range(1, 24)), sorted(set(range(1, 24)) - covered)


def test_the_quiz_keeps_the_facts_checked_against_the_novel():
    """Regressions of fixed mistakes: Madame's first name is given at the end of chapter 21; the
    chapter 7 joke is about the camps' fences; nothing claims the cabinet came from Hailsham."""
    items = {m.plain_text(item.text): item for block in blocks_of(shipped_guide(), m.Quiz) for item in block.items}
    assert next(item for text, item in items.items() if "real first name" in text).chapter == 21
    madame = next(item for text, item in items.items() if text.startswith('Why do the students call the visitor'))
    assert madame.kind is m.QuizKind.CHOICE and "French or Belgian" in m.plain_text(madame.options[0])
    text = {s.id: " ".join(m.plain_text(b.children) for b in s.blocks if isinstance(b, m.Paragraph))
            for s in shipped_guide().sections}
    assert "electrified fences of the wartime camps" in " ".join(text["symbols"].split())
    assert "cabinet from Hailsham" not in " ".join(" ".join(text.values()).split())


def lessons(guide: m.Guide) -> list[tuple[str, dict[str, m.ListBlock | str]]]:
    """Each lesson's heading and its parts by label: 'Objective' and 'Uses' from its list, the
    'Plan (60 minutes)' paragraph with the numbered steps after it, and the 'Homework' line."""
    found: list[tuple[str, dict]] = []
    label = None
    for block in section(guide, "teaching-notes").blocks:
        if isinstance(block, m.Heading) and block.level == 3:
            found.append((m.plain_text(block.children), {}))
            label = None
        elif not found or isinstance(block, m.Heading):
            label = None
            continue
        elif isinstance(block, m.ListBlock) and label:
            found[-1][1][label] = block
        elif isinstance(block, m.ListBlock):
            for item in block.items:
                key, _, rest = m.plain_text(item[0].children).partition(":")
                found[-1][1][key] = rest.strip()
        elif isinstance(block, m.Paragraph):
            key, _, rest = m.plain_text(block.children).partition(":")
            label = key if not rest.strip() else None
            found[-1][1][key] = rest.strip()
    return found


def test_each_lesson_is_timed_to_the_hour_and_says_what_it_uses():
    plans = lessons(shipped_guide())
    assert len(plans) == 10
    for title, entries in plans:
        assert {"Objective", "Uses", "Plan (60 minutes)"} <= set(entries), title
        steps = entries["Plan (60 minutes)"]
        assert isinstance(steps, m.ListBlock) and steps.ordered, title
        minutes = [int(re.match(r"(\d+) minutes\.", m.plain_text(step[0].children)).group(1)) for step in steps.items]
        assert sum(minutes) == 60, (title, minutes)
        assert entries["Uses"], title
    assert all("Homework" in entries for _, entries in plans[:-1])  # (the last lesson is the assessment)


def test_the_reading_schedule_is_the_reading_before_each_lesson():
    guide = shipped_guide()
    (sequence,) = blocks_of(guide, m.Table, "teaching-notes")
    before = [m.plain_text(row[1]) for row in sequence.rows]
    chapters = [re.sub(r"^Chapters? (\S+?)(,.*)?$", r"\1", reading) for reading in before
                if reading.startswith("Chapter")]
    (schedule,) = blocks_of(guide, m.ReadingSchedule)
    assert [reading.chapters for reading in schedule.readings] == chapters


def test_each_part_has_a_reading_check_covering_every_chapter_with_recall_and_inference(guide):
    checks = {block.check: block for block in blocks_of(guide, m.Quiz, "reading-checks")}
    assert list(checks) == ["part-one", "part-two", "part-three"]
    for (part, chapters), check in zip(PARTS.items(), checks.values(), strict=True):
        items = check.items
        assert 10 <= len(items) <= 12, part
        assert {item.chapter for item in items} == set(chapters), part
        kinds = [item.kind for item in items]
        assert kinds.count(m.QuizKind.SHORT) >= 3 and kinds.count(m.QuizKind.TRUE_FALSE) >= 2, part
        assert all(item.answer for item in items), part
        assert sum(item.lines >= 3 for item in items) >= 3, part  # the inference items have room to explain


def test_the_vocabulary_gives_words_by_part_and_the_literary_terms_with_examples(guide):
    vocabulary = section(guide, "vocabulary")
    tables = blocks_of(guide, m.Table, "vocabulary")
    assert headings(vocabulary, level=3) == ["Part One", "Part Two", "Part Three"]
    assert len(tables) == 3 and all(len(table.rows) >= 8 for table in tables)
    for table, chapters in zip(tables, PARTS.values(), strict=True):
        listed = [int(m.plain_text(row[1])) for row in table.rows]
        assert listed == sorted(listed) and set(listed) <= set(chapters)
    terms = [m.plain_text(p.children) for p in blocks_of(guide, m.Paragraph, "vocabulary")
             if isinstance(next((c for c in p.children if m.plain_text((c,)).strip()), None), m.Strong)]
    named = {term.split(".")[0] for term in terms}
    assert {"Unreliable narrator", "Retrospective narration", "Euphemism", "Foreshadowing", "Dramatic irony",
            "Bildungsroman", "Dystopia", "Pathetic fallacy"} <= named
    assert all(re.search(r"In the novel: .*chapters? \d+", term) for term in terms)
