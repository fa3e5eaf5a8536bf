"""Where each member of a person's network sits in the circles-of-support picture (pure geometry)."""

import math
from dataclasses import dataclass

SIZE = 600
CENTRE = SIZE / 2
RING_RADII = {1: 105, 2: 185, 3: 265}  # closest, close, wider


@dataclass(frozen=True)
class Placed:
    x: float
    y: float
    label: str
    detail: str
    closeness: int
    is_carer: bool
    has_died: bool

    @property
    def label_y(self):
        return round(self.y - 10, 1)

    @property
    def detail_y(self):
        return round(self.y + 20, 1)


def place(members):
    """Spread each ring's members evenly round it, starting at the top, offset ring by ring."""
    rings = {}
    for member in members:
        rings.setdefault(member.closeness, []).append(member)
    placed = []
    for closeness, ring in sorted(rings.items()):
        radius = RING_RADII.get(closeness, RING_RADII[3]) - 35
        for i, member in enumerate(ring):
            angle = -math.pi / 2 + (2 * math.pi * i / len(ring)) + closeness * 0.35
            placed.append(
                Placed(
                    x=round(CENTRE + radius * math.cos(angle), 1),
                    y=round(CENTRE + radius * math.sin(angle), 1),
                    label=member.name[:22],
                    detail=member.relationship[:24],
                    closeness=closeness,
                    is_carer=member.is_carer,
                    has_died=member.has_died,
                )
            )
    return placed
