"""The person's copy of their plan as a PDF, drawn from the same sections as the page (`copy.py`).

fpdf2 writes the text as text, in DejaVu Sans (bundled in fonts/, with its licence), so a screen
reader can read it aloud, it can be searched, and names in Latin, Greek, Cyrillic and most other
alphabets print as written. Headings are kept with what follows them and become the PDF's outline.
Large print uses 18 point type and bigger headings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF, ViewerPreferences
from fpdf.enums import XPos, YPos

from .copy import Copy

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVu"
MM_PER_POINT = 25.4 / 72
# A paragraph or list item of up to this many lines is never split across two pages.
KEEP_WHOLE = 6


@dataclass(frozen=True)
class Sizes:
    body: float
    title: float
    heading: float
    subheading: float
    margin: float  # millimetres

    def line(self, points: float) -> float:
        """Height of a line of text at `points`, in millimetres: one and a half times the type."""
        return points * MM_PER_POINT * 1.5


STANDARD = Sizes(body=12, title=24, heading=17, subheading=14, margin=20)
LARGE = Sizes(body=18, title=32, heading=24, subheading=20, margin=18)


class _Document(FPDF):
    def __init__(self, sizes: Sizes, footer_text: str) -> None:
        super().__init__(format="A4")
        self.sizes = sizes
        self.footer_text = footer_text
        self.set_margins(sizes.margin, sizes.margin, sizes.margin)
        self.set_auto_page_break(True, margin=sizes.margin + 8)
        self.add_font(FAMILY, "", FONTS / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONTS / "DejaVuSans-Bold.ttf")

    def footer(self) -> None:
        self.set_y(-(self.sizes.margin + 2))
        self.set_font(FAMILY, "", max(self.sizes.body - 3, 10))
        self.cell(0, 6, f"{self.footer_text}. Page {self.page_no()} of {{nb}}", align="L")

    def text_block(self, text: str, points: float, style: str = "", indent: float = 0) -> None:
        self.set_font(FAMILY, style, points)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent, self.sizes.line(points), text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def height_of(self, text: str, points: float, indent: float = 0) -> float:
        """About how tall `text` will be: its width over the line's, allowing a little for breaks
        between words. Laying it out to measure it would double the time a copy takes."""
        self.set_font(FAMILY, "", points)
        lines = math.ceil(self.get_string_width(text) * 1.1 / (self.epw - indent)) or 1
        return lines * self.sizes.line(points)

    def keep_room(self, height: float) -> None:
        """Start a new page unless `height` fits on this one: a heading stays with what follows it."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()


def render(document: Copy, *, author: str, large: bool = False) -> bytes:
    s = LARGE if large else STANDARD
    pdf = _Document(s, f"{document.title}, {document.name}")
    pdf.set_title(f"{document.title}: {document.name}")
    pdf.set_author(author)
    pdf.set_subject(document.status)
    pdf.set_creator("What's Strong")
    pdf.set_lang("en-GB")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    pdf.add_page()
    pdf.start_section(document.title, level=0)
    pdf.text_block(document.title, s.title, "B")
    pdf.text_block(document.name, s.heading)
    pdf.ln(s.line(s.body) / 2)
    pdf.text_block(document.status, s.body, "B")
    bullet = s.body * MM_PER_POINT * 1.6
    for section in document.sections:
        points = s.heading if section.level == 2 else s.subheading
        pdf.ln(s.line(s.body) / (2 if section.level == 2 else 3))
        pdf.keep_room(s.line(points) + 2 * s.line(s.body))
        pdf.start_section(section.heading, level=section.level - 1)
        pdf.text_block(section.heading, points, "B")
        for block in section.blocks:
            if block.text:
                pdf.keep_room(min(pdf.height_of(block.text, s.body), KEEP_WHOLE * s.line(s.body)))
                pdf.text_block(block.text, s.body)
            for item in block.items:
                pdf.keep_room(min(pdf.height_of(item, s.body, bullet), KEEP_WHOLE * s.line(s.body)))
                pdf.set_font(FAMILY, "", s.body)
                y = pdf.get_y()
                pdf.cell(bullet, s.line(s.body), "•")
                pdf.set_y(y)
                pdf.text_block(item, s.body, indent=bullet)
            pdf.ln(s.line(s.body) / 4)
    return bytes(pdf.output())
