//! The case card (status, enterprise, department, person, deadline with working days left,
//! supervision, roadmap, latest events) with the buttons this viewer may press, `/case NUMBER`,
//! and the typed notes that card buttons ask for.
//!
//! ```text
//! 李科长:  /case 1
//! bot:     📋 ZZ-2026-0001 · 已交办待签收
//!          企业：秦岭猕猴桃合作社（马召镇）
//!          类别：交通 · 难度：一般
//!          问题：厂区门前道路破损，货车进出困难
//!          责任部门：县交通运输局 · 责任人：李科长
//!          办理时限：2026-12-11（剩余 10 个工作日）
//!          办理记录：
//!          · 11-27 10:00 王建国 提出问题：厂区门前道路破损……
//!          [签收] [退回] [办理记录]
//! 李科长:  (presses 退回)
//! bot:     请写明退回 ZZ-2026-0001 的原因（发送 /cancel 放弃）。
//! 李科长:  不属于本部门职责，应由镇政府处理
//! bot:     已退回 ZZ-2026-0001，活动办将重新交办。
//! 王建国:  /case ZZ-2026-0099     (another enterprise's case, or none at all)
//! bot:     没有找到该事项，或它不在您的职责范围内。
//! ```

use chrono::NaiveDate;
use sqlx::PgConnection;

use super::engine::{ButtonSpec, Engine, EngineError, Turn};
use super::state::{CaseOp, Pending, Press, State, TextPurpose};
use super::{Reply, department, dispatch, followup, leader, parse, text};
use crate::domain::case::{apply, can_see};
use crate::domain::{Action, Actor, CaseStatus, Role, Satisfaction, TransitionError};
use crate::i18n::{Args, t, tr};
use crate::store::attachments::{self, FileRef};
use crate::store::cases::{self, CaseRow};
use crate::store::{milestones, queues};

/// How much of the process record a card shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum History {
    Latest(usize),
    Full,
}

/// Events shown on an ordinary card.
pub(crate) const LATEST_EVENTS: usize = 3;
/// Characters of the description shown on a card, and of each event's note.
const DESCRIPTION_EXCERPT: usize = 300;
const NOTE_EXCERPT: usize = 120;

fn label(locale: &str, prefix: &str, code: &str) -> String {
    t(locale, &format!("{prefix}-{code}"))
}

/// The deadline with working days left or overdue, as a card shows it.
pub(crate) fn deadline_text(
    engine: &Engine,
    locale: &str,
    status: CaseStatus,
    deadline: NaiveDate,
    today: NaiveDate,
) -> String {
    let date = deadline.format("%Y-%m-%d").to_string();
    if !status.is_with_department() {
        return date;
    }
    let left = if today > deadline {
        let days = engine.calendar.working_days_between(deadline, today);
        tr(
            locale,
            "calendar-days-overdue",
            Args::new().num("days", days as f64),
        )
    } else {
        let days = engine.calendar.working_days_between(today, deadline);
        tr(
            locale,
            "calendar-days-left",
            Args::new().num("days", days as f64),
        )
    };
    tr(
        locale,
        "bot-deadline-with-days",
        Args::new().str("date", date).str("left", left),
    )
}

/// Renders a case card in `locale`.
pub(crate) async fn render(
    conn: &mut PgConnection,
    engine: &Engine,
    case: &CaseRow,
    locale: &str,
    today: NaiveDate,
    history: History,
) -> Result<String, EngineError> {
    let tz = engine.settings.timezone;
    let status = case.status();
    let mut lines = Vec::new();
    let head_key = if case.is_overdue(today) {
        "bot-card-head-overdue"
    } else {
        "bot-card-head"
    };
    lines.push(tr(
        locale,
        head_key,
        Args::new()
            .str("number", &case.number)
            .str("status", label(locale, "status", status.code())),
    ));
    lines.push(tr(
        locale,
        "bot-card-enterprise",
        Args::new()
            .str("enterprise", &case.enterprise_name)
            .str("township", &case.township_name),
    ));
    lines.push(tr(
        locale,
        "bot-card-category",
        Args::new()
            .str("category", label(locale, "category", &case.category))
            .str("difficulty", label(locale, "difficulty", &case.difficulty)),
    ));
    lines.push(tr(
        locale,
        "bot-card-description",
        Args::new().str(
            "description",
            text::excerpt(&case.description, DESCRIPTION_EXCERPT),
        ),
    ));
    if let Some(department) = &case.department_name {
        let assignee = case
            .assignee_name
            .clone()
            .unwrap_or_else(|| t(locale, "bot-whole-department"));
        lines.push(tr(
            locale,
            "bot-card-department",
            Args::new()
                .str("department", department)
                .str("assignee", assignee),
        ));
    }
    if let Some(deadline) = case.deadline {
        lines.push(tr(
            locale,
            "bot-card-deadline",
            Args::new().str(
                "deadline",
                deadline_text(engine, locale, status, deadline, today),
            ),
        ));
    }
    // 三色督办: the same ladder the scheduler escalates by.
    if let Some(colour) = crate::scheduler::escalation_colour(
        status,
        case.deadline,
        case.supervised_at.is_some(),
        today,
        &engine.calendar,
        &engine.settings.limits,
    ) {
        lines.push(t(locale, &format!("bot-card-colour-{}", colour.code())));
    }
    if let Some(resolution) = &case.resolution {
        lines.push(tr(
            locale,
            "bot-card-resolution",
            Args::new().str("answer", text::excerpt(resolution, DESCRIPTION_EXCERPT)),
        ));
    }
    if let Some(s) = &case.satisfaction {
        lines.push(tr(
            locale,
            "bot-card-satisfaction",
            Args::new().str("satisfaction", label(locale, "satisfaction", s)),
        ));
    }
    if let Some(s) = queues::latest_supervision(conn, case.id).await? {
        let key = if s.note.is_some() {
            "bot-card-supervised-note"
        } else {
            "bot-card-supervised"
        };
        lines.push(tr(
            locale,
            key,
            Args::new()
                .str(
                    "date",
                    s.created_at
                        .with_timezone(&tz)
                        .format("%Y-%m-%d")
                        .to_string(),
                )
                .str("leader", s.leader_name)
                .str(
                    "note",
                    text::excerpt(s.note.as_deref().unwrap_or(""), NOTE_EXCERPT),
                ),
        ));
    }
    let files = attachments::count(conn, case.id).await?;
    if files > 0 {
        lines.push(tr(
            locale,
            "bot-card-files",
            Args::new().num("count", files as f64),
        ));
    }
    let roadmap = milestones::of_case(conn, case.id).await?;
    if !roadmap.is_empty() {
        lines.push(t(locale, "bot-card-roadmap"));
        for m in roadmap {
            let key = if m.done_at.is_some() {
                "bot-card-milestone-done"
            } else {
                "bot-card-milestone"
            };
            lines.push(tr(
                locale,
                key,
                Args::new()
                    .str("date", m.due_on.format("%m-%d").to_string())
                    .str("title", text::excerpt(&m.title, NOTE_EXCERPT)),
            ));
        }
    }
    let events = cases::events(conn, case.id).await?;
    let shown: &[cases::EventRow] = match history {
        History::Full => &events,
        History::Latest(n) => &events[events.len().saturating_sub(n)..],
    };
    if !shown.is_empty() {
        let key = if shown.len() < events.len() {
            "bot-card-events-latest"
        } else {
            "bot-card-events"
        };
        lines.push(tr(
            locale,
            key,
            Args::new().num("count", events.len() as f64),
        ));
        for e in shown {
            let actor = e
                .actor_name
                .clone()
                .unwrap_or_else(|| t(locale, "bot-system"));
            let args = Args::new()
                .str(
                    "time",
                    e.created_at
                        .with_timezone(&tz)
                        .format("%m-%d %H:%M")
                        .to_string(),
                )
                .str("actor", actor)
                .str("what", label(locale, "event", &e.kind));
            let line = match &e.note {
                Some(note) => tr(
                    locale,
                    "bot-card-event-note",
                    args.str("note", text::excerpt(note, NOTE_EXCERPT)),
                ),
                None => tr(locale, "bot-card-event", args),
            };
            lines.push(line);
        }
    }
    Ok(lines.join("\n"))
}

/// The action a card button stands for, with placeholder text, to ask the state machine
/// whether this viewer may do it now.
fn probe(op: CaseOp, today: NaiveDate) -> Option<Action> {
    let note = || "-".to_string();
    Some(match op {
        CaseOp::Show | CaseOp::History => return None,
        CaseOp::Accept => Action::Accept,
        CaseOp::Return => Action::Return { reason: note() },
        CaseOp::Progress => Action::Progress { note: note() },
        CaseOp::Milestone => Action::AddMilestone {
            title: note(),
            due_on: today,
        },
        CaseOp::Resolve => Action::Resolve { answer: note() },
        CaseOp::Note => Action::Note { note: note() },
        CaseOp::SupplyInfo => Action::SupplyInfo { note: note() },
        CaseOp::RequestInfo => Action::RequestInfo { note: note() },
        CaseOp::Confirm { satisfaction } => Action::Confirm {
            satisfaction,
            note: Some(note()),
        },
        CaseOp::Supervise | CaseOp::SuperviseNow => Action::Supervise { note: None },
        CaseOp::Dispatch => Action::Dispatch {
            department_id: 0,
            assignee_id: None,
            deadline: today,
        },
    })
}

/// May this viewer do `op` on the case now?
fn check(
    actor: &Actor,
    case: &CaseRow,
    op: CaseOp,
    today: NaiveDate,
) -> Result<(), TransitionError> {
    match probe(op, today) {
        None => {
            if can_see(actor, &case.view()) {
                Ok(())
            } else {
                Err(TransitionError::OutOfScope)
            }
        }
        Some(action) => apply(actor, &case.view(), &action).map(|_| ()),
    }
}

/// The card buttons a viewer may press, in `locale`.
pub(crate) fn action_specs(
    locale: &str,
    actor: &Actor,
    case: &CaseRow,
    today: NaiveDate,
    history_button: bool,
) -> Vec<Vec<ButtonSpec>> {
    let mut ops = vec![
        CaseOp::Dispatch,
        CaseOp::RequestInfo,
        CaseOp::Accept,
        CaseOp::Return,
        CaseOp::Progress,
        CaseOp::Milestone,
        CaseOp::Resolve,
        CaseOp::SupplyInfo,
    ];
    ops.extend(
        Satisfaction::ALL
            .into_iter()
            .map(|satisfaction| CaseOp::Confirm { satisfaction }),
    );
    ops.extend([CaseOp::Supervise, CaseOp::Note]);
    let mut allowed: Vec<CaseOp> = ops
        .into_iter()
        .filter(|op| check(actor, case, *op, today).is_ok())
        .collect();
    if history_button && can_see(actor, &case.view()) {
        allowed.push(CaseOp::History);
    }
    let specs: Vec<ButtonSpec> = allowed
        .into_iter()
        .map(|op| {
            (
                op_label(locale, op, case.status()),
                Press::Case {
                    case_id: case.id,
                    op,
                },
            )
        })
        .collect();
    specs.chunks(2).map(<[ButtonSpec]>::to_vec).collect()
}

fn op_label(locale: &str, op: CaseOp, status: CaseStatus) -> String {
    let key = match op {
        CaseOp::Show => "bot-op-show",
        CaseOp::History => "bot-op-history",
        CaseOp::Accept => "bot-op-accept",
        CaseOp::Return => "bot-op-return",
        CaseOp::Progress => "bot-op-progress",
        CaseOp::Milestone => "bot-op-milestone",
        CaseOp::Resolve => "bot-op-resolve",
        CaseOp::Note => "bot-op-note",
        CaseOp::SupplyInfo => "bot-op-supply-info",
        CaseOp::RequestInfo => "bot-op-request-info",
        CaseOp::Confirm {
            satisfaction: Satisfaction::Satisfied,
        } => "bot-op-satisfied",
        CaseOp::Confirm {
            satisfaction: Satisfaction::BasicallySatisfied,
        } => "bot-op-basically-satisfied",
        CaseOp::Confirm {
            satisfaction: Satisfaction::Unsatisfied,
        } => "bot-op-unsatisfied",
        CaseOp::Supervise => "bot-op-supervise",
        CaseOp::SuperviseNow => "bot-op-supervise-now",
        CaseOp::Dispatch if status == CaseStatus::Dispatched => "bot-op-redispatch",
        CaseOp::Dispatch => "bot-op-dispatch",
    };
    t(locale, key)
}

/// Shows a case card with this person's buttons.
pub(crate) async fn show(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    history: History,
) -> Result<(), EngineError> {
    let today = turn.today();
    let text = render(turn.conn, turn.engine, case, turn.locale, today, history).await?;
    let actor = turn.person.actor();
    let specs = action_specs(turn.locale, &actor, case, today, history != History::Full);
    let buttons = turn.buttons(specs).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// Loads a case this person may see; anything else reads as "not found", to leak nothing.
pub(crate) async fn visible(
    turn: &mut Turn<'_>,
    case_id: i64,
) -> Result<Option<CaseRow>, EngineError> {
    let case = cases::by_id(turn.conn, case_id).await?;
    Ok(case.filter(|c| can_see(&turn.person.actor(), &c.view())))
}

/// `/case NUMBER`.
pub(crate) async fn command(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    if args.trim().is_empty() {
        turn.say("bot-case-usage");
        return Ok(());
    }
    let year = chrono::Datelike::year(&turn.today());
    let Some(number) = parse::case_number(args, &turn.engine.settings.case_prefix, year) else {
        turn.say("bot-case-usage");
        return Ok(());
    };
    let case = cases::by_number(turn.conn, number.as_str()).await?;
    let Some(case) = case.filter(|c| can_see(&turn.person.actor(), &c.view())) else {
        turn.say("bot-case-not-found");
        return Ok(());
    };
    let history = if turn.person.roles.sees_everything() {
        History::Full
    } else {
        History::Latest(LATEST_EVENTS)
    };
    show(turn, &case, history).await
}

/// A card button was pressed: check it against the case as it is now, then act or ask for text.
pub(crate) async fn press(
    turn: &mut Turn<'_>,
    case_id: i64,
    op: CaseOp,
) -> Result<(), EngineError> {
    let Some(case) = visible(turn, case_id).await? else {
        let text = turn.t("bot-case-not-found");
        turn.answer(text);
        return Ok(());
    };
    let actor = turn.person.actor();
    if let Err(e) = check(&actor, &case, op, turn.today()) {
        let text = match e {
            TransitionError::WrongStatus(s) => turn.tr(
                "bot-button-stale",
                Args::new()
                    .str("number", &case.number)
                    .str("status", label(turn.locale, "status", s.code())),
            ),
            e => turn.refusal(&e),
        };
        turn.answer(text);
        return Ok(());
    }
    match op {
        CaseOp::Show => show(turn, &case, History::Latest(LATEST_EVENTS)).await,
        CaseOp::History => show(turn, &case, History::Full).await,
        CaseOp::Accept => department::accept(turn, &case).await,
        CaseOp::Confirm {
            satisfaction: Satisfaction::Unsatisfied,
        } => ask(turn, &case, TextPurpose::Unsatisfied).await,
        CaseOp::Confirm { satisfaction } => {
            followup::confirm(turn, case.id, satisfaction, None).await
        }
        CaseOp::SuperviseNow => leader::supervise(turn, case.id, None).await,
        CaseOp::Dispatch => dispatch::propose(turn, &case).await,
        CaseOp::Return => ask(turn, &case, TextPurpose::Return).await,
        CaseOp::Progress => ask(turn, &case, TextPurpose::Progress).await,
        CaseOp::Milestone => ask(turn, &case, TextPurpose::Milestone).await,
        CaseOp::Resolve => ask(turn, &case, TextPurpose::Resolve).await,
        CaseOp::Note => ask(turn, &case, TextPurpose::Note).await,
        CaseOp::SupplyInfo => ask(turn, &case, TextPurpose::SupplyInfo).await,
        CaseOp::RequestInfo => ask(turn, &case, TextPurpose::RequestInfo).await,
        CaseOp::Supervise => ask(turn, &case, TextPurpose::Supervise).await,
    }
}

fn purpose_key(purpose: TextPurpose) -> &'static str {
    match purpose {
        TextPurpose::RequestInfo => "bot-ask-request-info",
        TextPurpose::SupplyInfo => "bot-ask-supply-info",
        TextPurpose::Return => "bot-ask-return",
        TextPurpose::Progress => "bot-ask-progress",
        TextPurpose::Resolve => "bot-ask-resolve",
        TextPurpose::Note => "bot-ask-note",
        TextPurpose::Milestone => "bot-ask-milestone",
        TextPurpose::Unsatisfied => "bot-ask-unsatisfied",
        TextPurpose::Supervise => "bot-ask-supervise",
    }
}

/// Asks for the text an action needs and waits for it.
pub(crate) async fn ask(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    purpose: TextPurpose,
) -> Result<(), EngineError> {
    turn.state = State::Awaiting {
        pending: Pending::CaseText {
            case_id: case.id,
            purpose,
        },
    };
    let text = turn.tr(
        purpose_key(purpose),
        Args::new()
            .str("number", &case.number)
            .num("limit", text::MAX_TEXT_CHARS as f64),
    );
    let rows = if purpose == TextPurpose::Supervise {
        vec![vec![(
            turn.t("bot-op-supervise-now"),
            Press::Case {
                case_id: case.id,
                op: CaseOp::SuperviseNow,
            },
        )]]
    } else {
        vec![]
    };
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// The text the bot was waiting for has come.
pub(crate) async fn on_pending_text(
    turn: &mut Turn<'_>,
    pending: Pending,
    raw: &str,
) -> Result<(), EngineError> {
    match pending {
        Pending::CaseText { case_id, purpose } => {
            let Some(note) = turn.take_text(raw) else {
                return Ok(());
            };
            match purpose {
                TextPurpose::Milestone => department::milestone(turn, case_id, &note).await,
                TextPurpose::RequestInfo => dispatch::request_info(turn, case_id, note).await,
                TextPurpose::SupplyInfo => followup::supply_info(turn, case_id, note).await,
                TextPurpose::Return => department::return_case(turn, case_id, note).await,
                TextPurpose::Progress => department::progress(turn, case_id, note).await,
                TextPurpose::Resolve => department::resolve(turn, case_id, note).await,
                TextPurpose::Note => followup::note(turn, case_id, note).await,
                TextPurpose::Unsatisfied => {
                    followup::confirm(turn, case_id, Satisfaction::Unsatisfied, Some(note)).await
                }
                TextPurpose::Supervise => leader::supervise(turn, case_id, Some(note)).await,
            }
        }
        Pending::Deadline { plan } => dispatch::typed_deadline(turn, plan, raw).await,
        Pending::VisitNote { enterprise_id } => {
            followup::visit_note(turn, enterprise_id, raw).await
        }
    }
}

/// A file came while the bot waits for a note about a case: it is kept with the case, and its
/// caption, if any, is taken as the note.
pub(crate) async fn on_pending_file(
    turn: &mut Turn<'_>,
    pending: Pending,
    file: FileRef,
) -> Result<(), EngineError> {
    let Pending::CaseText { case_id, .. } = pending else {
        turn.say("bot-file-not-expected");
        return Ok(());
    };
    let Some(case) = visible(turn, case_id).await? else {
        turn.state = State::Idle;
        turn.say("bot-case-not-found");
        return Ok(());
    };
    if !case.status().is_open() {
        turn.state = State::Idle;
        let text = turn.tr(
            "bot-button-stale",
            Args::new()
                .str("number", &case.number)
                .str("status", label(turn.locale, "status", case.status().code())),
        );
        turn.push(Reply::text(text));
        return Ok(());
    }
    let transport = turn.input.transport.code();
    attachments::add(
        turn.conn,
        case.id,
        None,
        transport,
        &file,
        turn.person.id,
        turn.now,
    )
    .await?;
    turn.say_args(
        "bot-file-kept-case",
        Args::new().str("number", &case.number),
    );
    match file.caption.as_deref().filter(|c| !text::is_blank(c)) {
        Some(caption) => on_pending_text(turn, pending, caption).await,
        None => Ok(()),
    }
}

/// Whether a person holds a role that makes `/queue` and dispatch buttons theirs.
pub(crate) fn is_dispatcher(turn: &Turn<'_>) -> bool {
    turn.person.roles.has(Role::Dispatcher) || turn.person.roles.has(Role::Admin)
}

/// A one-line entry of a case in a list, with its deadline when a department holds it.
pub(crate) fn list_line(engine: &Engine, locale: &str, case: &CaseRow, today: NaiveDate) -> String {
    let deadline = case
        .deadline
        .map(|d| deadline_text(engine, locale, case.status(), d, today))
        .unwrap_or_default();
    let key = if case.is_overdue(today) {
        "bot-list-line-overdue"
    } else {
        "bot-list-line"
    };
    tr(
        locale,
        key,
        Args::new()
            .str("number", &case.number)
            .str("status", label(locale, "status", case.status().code()))
            .str("enterprise", &case.enterprise_name)
            .str("description", text::excerpt(&case.description, 40))
            .str("deadline", deadline),
    )
}

/// A list of cases with a button per case that opens its card.
pub(crate) async fn list(
    turn: &mut Turn<'_>,
    title: String,
    listing: queues::Listing,
    empty_key: &str,
) -> Result<(), EngineError> {
    if listing.cases.is_empty() {
        turn.say(empty_key);
        return Ok(());
    }
    let today = turn.today();
    let mut lines = vec![title];
    for case in &listing.cases {
        lines.push(list_line(turn.engine, turn.locale, case, today));
    }
    if listing.total > listing.cases.len() as i64 {
        lines.push(
            turn.tr(
                "bot-list-more",
                Args::new()
                    .num("shown", listing.cases.len() as f64)
                    .num("total", listing.total as f64),
            ),
        );
    }
    let specs: Vec<ButtonSpec> = listing
        .cases
        .iter()
        .map(|c| {
            (
                c.number.clone(),
                Press::Case {
                    case_id: c.id,
                    op: CaseOp::Show,
                },
            )
        })
        .collect();
    let rows = specs.chunks(3).map(<[ButtonSpec]>::to_vec).collect();
    let buttons = turn.buttons(rows).await?;
    turn.push(Reply::text(lines.join("\n")).with_buttons(buttons));
    Ok(())
}
