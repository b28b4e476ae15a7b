"""The areas of the GUI, named in one place: the tabs of the inspection view and the workspace's pages.

Each area (talks, document review, the issue register, official documents, Excel ledgers) keeps its
tab factories and titles in `app/ui/<area>/inspection_tab.py` and its top-level pages in
`app/ui/<area>/workspace_page.py`; this module imports them by name and lists them, and
app.ui.workspace hands both lists to the case workspace. Nothing is found by scanning packages, so a
reader and a freezer (PyInstaller) follow the same imports. The phase gates of the areas are core
rules, not GUI: they are listed in app.core.domain.phase_moves.

To add a tab: write `make_x_tab(worker, inspection_id, parent) -> QWidget | None` and a title
function in the area's inspection_tab.py and add an InspectionTab below (a smaller order comes
first; the phase history is always last). To add a page: write `make_pages(worker, user)` returning
[(title, page)] and add it to WORKSPACE_PAGES.
"""

from __future__ import annotations

from app.ui.archive import inspection_tab as archive
from app.ui.briefings import inspection_tab as briefings
from app.ui.evaluation import inspection_tab as evaluation
from app.ui.meetings import inspection_tab as meetings
from app.ui.official import inspection_tab as official
from app.ui.org.inspection_view import InspectionTab
from app.ui.org.workspace import PageFactory
from app.ui.register import inspection_tab as register
from app.ui.register import workspace_page as register_pages
from app.ui.review import inspection_tab as review
from app.ui.sheets import inspection_tab as sheets
from app.ui.spot_checks import inspection_tab as spot_checks
from app.ui.talk_plan import inspection_tab as talk_plan
from app.ui.talks import inspection_tab as talks
from app.ui.team_log import inspection_tab as team_log
from app.ui.visits import inspection_tab as visits
from app.ui.work_plan import inspection_tab as work_plan

INSPECTION_TABS: tuple[InspectionTab, ...] = (
    InspectionTab("briefings", briefings.briefings_title, briefings.make_briefings_tab, order=2),
    InspectionTab("work_plan", work_plan.work_plan_title, work_plan.make_work_plan_tab, order=3),
    InspectionTab("talk_plan", talk_plan.talk_plan_title, talk_plan.make_talk_plan_tab, order=5),
    InspectionTab("talks", talks.talks_title, talks.make_talks_tab, order=10),
    InspectionTab("meetings", meetings.meetings_title, meetings.make_meetings_tab, order=15),
    InspectionTab("visits", visits.visits_title, visits.make_visits_tab, order=17),
    InspectionTab("team_log", team_log.team_log_title, team_log.make_team_log_tab, order=18),
    InspectionTab("documents", review.review_title, review.make_review_tab, order=20),
    InspectionTab("evaluation", evaluation.evaluation_title, evaluation.make_evaluation_tab, order=25),
    InspectionTab("issues", register.issues_title, register.make_issues_tab, order=30),
    InspectionTab("lookback", register.lookback_title, register.make_lookback_tab, order=35),
    InspectionTab("immediate_fix", register.immediate_fix_title, register.make_immediate_fix_tab, order=36),
    InspectionTab("leads", register.leads_title, register.make_leads_tab, order=40),
    InspectionTab("spot_checks", spot_checks.spot_checks_title, spot_checks.make_spot_checks_tab, order=45),
    InspectionTab("petitions", register.petitions_title, register.make_petitions_tab, order=50),
    InspectionTab("official", official.official_title, official.make_official_tab, order=60),
    InspectionTab("rectification", register.rectification_title, register.make_rectification_tab, order=60),
    InspectionTab(
        "after_feedback", register.after_feedback_title, register.make_after_feedback_tab, order=70
    ),
    InspectionTab("sheets", sheets.sheets_title, sheets.make_sheets_tab, order=80),
    InspectionTab("archive", archive.archive_title, archive.make_archive_tab, order=90),
)

WORKSPACE_PAGES: tuple[PageFactory, ...] = (
    register_pages.make_pages,  # 整改督办, 底稿审签, 回头看, 统计
)
