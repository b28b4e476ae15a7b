"""What the meetings GUI asks of the worker: core calls bundled so one job fills one screen.

Every function runs on the database worker with the session first and calls core operations only
(which check capabilities and need to know, and audit); no SQL, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.domain.meetings import queries, writes
from app.core.domain.meetings.types import Attendee, Meeting
from app.core.session import Session


@dataclass
class DialogData:
    meeting: Meeting | None
    people: list[Attendee]  # the unit's leadership, to pick attendees from


def open_dialog(session: Session, inspection_id: str, meeting_id: str | None) -> DialogData:
    meeting = queries.get_meeting(session, meeting_id) if meeting_id else None
    return DialogData(meeting, queries.unit_people(session, inspection_id))


def attach_file(session: Session, meeting_id: str, path: str) -> Meeting:
    """Read a file the user chose and keep it with the meeting (the core checks it)."""
    writes.attach_file(session, meeting_id, path)
    return queries.fetch_meeting(session, meeting_id)


def attendee_lines(attendees: list[Attendee]) -> str:
    """One attendee per line: '姓名，职务，单位' (the parts that are blank left out at the end)."""
    lines = []
    for a in attendees:
        parts = [a.name, a.position, a.unit]
        while parts and not parts[-1]:
            parts.pop()
        lines.append("，".join(parts))
    return "\n".join(lines)


def parse_attendees(text: str, people: list[Attendee]) -> list[Attendee]:
    """The attendees typed one per line ('姓名，职务，单位' with ，, or a tab between the parts); a name
    and position that match the unit's leadership list take that member's entry."""
    known = {(p.name, p.position): p for p in people}
    by_name = {p.name: p for p in people}
    out: list[Attendee] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        for sep in ("\t", ",", "、"):
            line = line.replace(sep, "，")
        parts = [p.strip() for p in line.split("，")]
        name = parts[0]
        position = parts[1] if len(parts) > 1 else ""
        unit = "，".join(parts[2:]) if len(parts) > 2 else ""
        match = known.get((name, position)) or (by_name.get(name) if not position else None)
        if match is not None:
            out.append(Attendee(match.name, match.position, unit or match.unit, match.leadership_id))
        else:
            out.append(Attendee(name, position, unit))
    return out
