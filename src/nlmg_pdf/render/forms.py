"""Form fields for the student workbook, so a student with a laptop can answer on it: a text
field over each question's write-in lines and on each of the cover's lines (name, class,
date), a radio button on each circle of a quiz item's choices, and a date field and a check
box in each row of the reading schedule.

A field draws nothing on paper: the lines and circles print as they always did, and an empty
copy prints the same. Each field is a widget annotation with an appearance of its own (nothing for
an empty text field, a dot for a chosen button) and no border or background, a `Form`
element in the structure tree (so it is met in reading order, and Tab goes through the
fields in that order), and a tooltip (/TU) that says which question it answers. Text a
student types is set by the viewer in Helvetica, the one font every viewer has."""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFStream, PDFString

from .reportlab_compat import register_object
from .tagging import Node

MULTILINE = 1 << 12  # field flags (PDF 1.7, table 228 and 226)
NO_TOGGLE_TO_OFF, RADIO = 1 << 14, 1 << 15
FIELD_FONT = "Helv"  # the name a field's default appearance gives Helvetica
OFF = "Off"  # a button's state when not chosen
CHECKED = "Yes"  # a check box's state when ticked (the name viewers expect)
KAPPA = 0.5523  # a cubic Bezier's control distance, per radius, for a quarter circle


@dataclass(frozen=True)
class Field:
    """A text field: its name (what a saved copy calls the answer), its tooltip, its element."""

    name: str
    tooltip: str
    node: Node
    multiline: bool = True


@dataclass(frozen=True)
class Choice:
    """One radio button of a question's group: the group's name and tooltip, this button's
    value (its state when chosen) and words, and its element."""

    group: str
    tooltip: str
    value: str
    words: str
    node: Node


@dataclass(frozen=True)
class Group:
    """A radio group's field and its buttons (filled in as they are drawn)."""

    field: PDFObjectReference
    buttons: PDFArray


class Forms:
    """The fields of one canvas (one layout pass), written as the document's AcroForm at the end."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.fields: list[PDFObjectReference] = []  # the top-level fields, in the order they were made
        self.groups: dict[str, Group] = {}  # by the group's name
        self.count = 0

    def text_field(self, field: Field, x: float, y: float, width: float, height: float, size: float,
                   colour: str) -> None:
        """A text field over the rectangle at (x, y), in the current drawing position."""
        left, bottom = self.canvas.absolutePosition(x, y)
        entries = self._widget(left, bottom, width, height, field.tooltip)
        entries.update({
            "FT": PDFName("Tx"), "T": PDFString(field.name), "V": PDFString(""),
            "Ff": MULTILINE if field.multiline else 0,
            "DA": PDFString(f"/{FIELD_FONT} {size:g} Tf {_fill(colour)}"),
            "AP": PDFDictionary({"N": self._appearance(width, height, "/Tx BMC EMC")}),
        })
        self.fields.append(self.canvas.add_widget(PDFDictionary(entries), field.node))

    def radio_button(self, choice: Choice, x: float, y: float, size: float, colour: str) -> None:
        """A radio button over the circle of side `size` at (x, y): chosen, it shows a dot."""
        left, bottom = self.canvas.absolutePosition(x, y)
        group = self._group(choice)
        entries = self._widget(left, bottom, size, size, f"{choice.tooltip}: {choice.words}")
        entries.update({
            "Parent": group.field,
            "AS": PDFName(OFF), "AP": self._states(choice.value, size, colour),
        })
        group.buttons.sequence.append(self.canvas.add_widget(PDFDictionary(entries), choice.node))

    def check_box(self, field: Field, x: float, y: float, size: float, colour: str) -> None:
        """A check box over the circle of side `size` at (x, y): ticked, it shows a dot."""
        left, bottom = self.canvas.absolutePosition(x, y)
        entries = self._widget(left, bottom, size, size, field.tooltip)
        entries.update({
            "FT": PDFName("Btn"), "T": PDFString(field.name), "V": PDFName(OFF), "AS": PDFName(OFF),
            "AP": self._states(CHECKED, size, colour),
        })
        self.fields.append(self.canvas.add_widget(PDFDictionary(entries), field.node))

    def acro_form(self) -> PDFDictionary | None:
        """The document's AcroForm entry; None when there are no fields (the teacher's copy)."""
        if not self.fields:
            return None
        helvetica = register_object(self.canvas, PDFDictionary({
            "Type": PDFName("Font"), "Subtype": PDFName("Type1"), "BaseFont": PDFName("Helvetica"),
            "Encoding": PDFName("WinAnsiEncoding")}), "FieldFont")
        return PDFDictionary({
            "Fields": PDFArray(self.fields),
            "DR": PDFDictionary({"Font": PDFDictionary({FIELD_FONT: helvetica})}),
            "DA": PDFString(f"/{FIELD_FONT} 0 Tf 0 g"),
        })

    def _widget(self, left: float, bottom: float, width: float, height: float, tooltip: str) -> dict:
        # no /MK: no border and no background, on screen or on paper (the canvas makes it printable)
        return {"Type": PDFName("Annot"), "Subtype": PDFName("Widget"), "TU": PDFString(tooltip),
                "Rect": PDFArray([round(left, 2), round(bottom, 2), round(left + width, 2), round(bottom + height, 2)])}

    def _group(self, choice: Choice) -> Group:
        """`choice`'s group, its field made the first time."""
        if choice.group not in self.groups:
            buttons = PDFArray([])
            self.count += 1
            field = register_object(self.canvas, PDFDictionary({
                "FT": PDFName("Btn"), "Ff": RADIO | NO_TOGGLE_TO_OFF, "T": PDFString(choice.group),
                "TU": PDFString(choice.tooltip), "V": PDFName(OFF), "Kids": buttons}), f"RadioGroup{self.count}")
            self.groups[choice.group] = Group(field, buttons)
            self.fields.append(field)
        return self.groups[choice.group]

    def _states(self, on: str, size: float, colour: str) -> PDFDictionary:
        """A button's appearances: a dot when it is `on`, nothing when off."""
        return PDFDictionary({"N": PDFDictionary({on: self._appearance(size, size, _dot(size, colour)),
                                                  OFF: self._appearance(size, size, "")})})

    def _appearance(self, width: float, height: float, code: str) -> PDFObjectReference:
        """A widget's own appearance: never shared, since a viewer writes what is typed into it."""
        self.count += 1
        stream = PDFStream(PDFDictionary({
            "Type": PDFName("XObject"), "Subtype": PDFName("Form"), "BBox": PDFArray([0, 0, width, height]),
            "Resources": PDFDictionary({})}), code)
        return register_object(self.canvas, stream, f"FieldLook{self.count}")


def forms_of(canvas) -> Forms | None:
    """The canvas's fields; None for a canvas that makes none (one that only measures)."""
    return getattr(canvas, "forms", None)


def _fill(colour: str) -> str:
    red, green, blue = colors.HexColor(colour).rgb()
    return f"{red:.3f} {green:.3f} {blue:.3f} rg"


def _dot(size: float, colour: str) -> str:
    """A filled circle, half the button's size, at its middle, drawn with four Bezier quarters."""
    middle, radius = size / 2, size / 4
    c = radius * KAPPA
    points = [(middle + radius, middle), (middle, middle + radius),  # right, top,
              (middle - radius, middle), (middle, middle - radius)]  # left, bottom
    code = [_fill(colour), f"{points[0][0]:.3f} {points[0][1]:.3f} m"]
    controls = [((0, c), (c, 0)), ((-c, 0), (0, c)), ((0, -c), (-c, 0)), ((c, 0), (0, -c))]
    for index, ((dx1, dy1), (dx2, dy2)) in enumerate(controls):
        start, end = points[index], points[(index + 1) % 4]
        code.append(f"{start[0] + dx1:.3f} {start[1] + dy1:.3f} {end[0] + dx2:.3f} {end[1] + dy2:.3f} "
                    f"{end[0]:.3f} {end[1]:.3f} c")
    code.append("f")
    return "\n".join(code)
