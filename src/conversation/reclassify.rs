//! The dispatcher (活动办) corrects a case: its category and difficulty, before or after
//! dispatch, with a reason — the deadline follows the new difficulty only when the dispatcher
//! says so — and its deadline (for instance for a case reopened because the enterprise was
//! unsatisfied). Each is an event of the process record with who and why.
//!
//! ```text
//! 赵主任:  (presses 🏷 改类别/难度 on the card of ZZ-2026-0001)
//! bot:     ZZ-2026-0001 现为 交通 · 一般。选择新的类别：[重点项目] [工业] … [交通]
//! 赵主任:  (presses 金融) → 选择难度：[简单（5 个工作日）] … [较难（20 个工作日）]
//! 赵主任:  (presses 较难) → 办理时限 2026-12-11 是否随新难度调整？
//!          [保持 2026-12-11] [按新难度重算：2026-12-25]
//! 赵主任:  (presses 按新难度重算) → 请写明调整的原因。
//! 赵主任:  实为融资问题
//! bot:     已将 ZZ-2026-0001 改为 金融 · 较难，办理时限 2026-12-25。
//! ```

use chrono::NaiveDate;

use super::access::allowed;
use super::act::{Done, Shown, act_and_tell};
use super::engine::EngineError;
use super::notify::{Audience, Notice};
use super::state::{CaseOp, Fix, FixText, Pending, Press, Seen, State};
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::domain::{Action, Category, Correction, Difficulty, NoticeKind};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::cases::CaseRow;

/// The deadline a case would have with `difficulty`, counted from its dispatch day.
fn recomputed(turn: &Turn<'_>, case: &CaseRow, difficulty: Difficulty) -> Option<NaiveDate> {
    let dispatched = turn.engine.today(case.dispatched_at?);
    let days = turn.engine.settings.limits.days_for(difficulty);
    Some(turn.engine.calendar.add_working_days(dispatched, days))
}

fn rows(specs: Vec<ButtonSpec>, per_row: usize) -> Vec<Vec<ButtonSpec>> {
    specs.chunks(per_row).map(<[ButtonSpec]>::to_vec).collect()
}

/// A reclassification button: the next choice (category, then difficulty, then whether the
/// deadline follows), then the reason.
pub(crate) async fn press(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    category: Option<Category>,
    difficulty: Option<Difficulty>,
    follow: Option<bool>,
) -> Result<(), EngineError> {
    if !allowed(turn, case, CaseOp::Reclassify) {
        return Ok(());
    }
    let seen = Some(Seen::of(case));
    let press = |category, difficulty, follow| Press::Fix {
        case_id: case.id,
        fix: Fix::Reclassify {
            category,
            difficulty,
            follow,
        },
        seen,
    };
    let number = case.number.clone();
    let current = |turn: &Turn<'_>| {
        format!(
            "{} · {}",
            turn.t(&format!("category-{}", case.category)),
            turn.t(&format!("difficulty-{}", case.difficulty))
        )
    };
    let (text, specs) = match (category, difficulty, follow) {
        (None, _, _) => {
            let specs = Category::ALL
                .into_iter()
                .map(|c| {
                    let label = turn.t(&format!("category-{}", c.code()));
                    (label, press(Some(c), None, None))
                })
                .collect();
            let args = Args::new()
                .str("number", &number)
                .str("current", current(turn));
            (
                turn.tr("casework-reclassify-category", args),
                rows(specs, 3),
            )
        }
        (Some(c), None, _) => {
            let limits = turn.engine.settings.limits.clone();
            let specs = Difficulty::ALL
                .into_iter()
                .map(|d| {
                    let label = turn.tr(
                        "bot-difficulty-choice",
                        Args::new()
                            .str("difficulty", turn.t(&format!("difficulty-{}", d.code())))
                            .num("days", limits.days_for(d) as f64),
                    );
                    (label, press(Some(c), Some(d), None))
                })
                .collect();
            let args = Args::new()
                .str("number", &number)
                .str("current", current(turn));
            (
                turn.tr("casework-reclassify-difficulty", args),
                rows(specs, 2),
            )
        }
        (Some(c), Some(d), None) if case.deadline.is_some() => {
            let (Some(now), Some(new)) = (case.deadline, recomputed(turn, case, d)) else {
                return ask_reason(turn, case, c, d, None).await;
            };
            let keep = turn.tr(
                "casework-deadline-keep",
                Args::new().str("date", text::ymd(now)),
            );
            let follow = turn.tr(
                "casework-deadline-follow",
                Args::new().str("date", text::ymd(new)),
            );
            let specs = vec![
                (keep, press(Some(c), Some(d), Some(false))),
                (follow, press(Some(c), Some(d), Some(true))),
            ];
            let args = Args::new()
                .str("number", &number)
                .str("date", text::ymd(now));
            (
                turn.tr("casework-reclassify-deadline", args),
                rows(specs, 1),
            )
        }
        (Some(c), Some(d), follow) => {
            let deadline = if follow == Some(true) {
                recomputed(turn, case, d)
            } else {
                None
            };
            return ask_reason(turn, case, c, d, deadline).await;
        }
    };
    turn.show(text, specs, category.is_some()).await
}

async fn ask_reason(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    category: Category,
    difficulty: Difficulty,
    deadline: Option<NaiveDate>,
) -> Result<(), EngineError> {
    turn.state = State::Awaiting {
        pending: Pending::Fix {
            case_id: case.id,
            text: FixText::ReclassifyReason {
                category,
                difficulty,
                deadline,
            },
        },
    };
    let text = turn.tr(
        "casework-ask-reclassify-reason",
        Args::new().str("number", &case.number),
    );
    turn.push_menu(Reply::text(text));
    Ok(())
}

/// The reason came: the case is reclassified; whoever handles it and the cadre hear of it.
pub(crate) async fn reclassify(
    turn: &mut Turn<'_>,
    case_id: i64,
    category: Category,
    difficulty: Difficulty,
    deadline: Option<NaiveDate>,
    reason: String,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let labels = format!(
        "{} · {}",
        turn.t(&format!("category-{}", category.code())),
        turn.t(&format!("difficulty-{}", difficulty.code()))
    );
    let notice = Notice::new(
        &[Audience::Handlers, Audience::Cadre],
        NoticeKind::CaseReclassified,
        "casework-notify-reclassified",
    )
    .arg("what", labels.clone())
    .arg("reason", reason.clone());
    let key = if deadline.is_some() {
        "casework-reclassified-deadline"
    } else {
        "casework-reclassified"
    };
    let action = Action::Correct(Correction::Reclassify {
        category,
        difficulty,
        deadline,
        reason,
    });
    let done = Done::new(key, Shown::Message).arg("what", labels);
    act_and_tell(turn, case_id, &action, &[notice], done).await?;
    Ok(())
}

/// The dispatcher's deadline menu: the limits by difficulty from today, or a typed date.
pub(crate) async fn deadline_menu(turn: &mut Turn<'_>, case: &CaseRow) -> Result<(), EngineError> {
    if !allowed(turn, case, CaseOp::SetDeadline) {
        return Ok(());
    }
    let seen = Some(Seen::of(case));
    let press = |deadline| Press::Fix {
        case_id: case.id,
        fix: Fix::Deadline { deadline },
        seen,
    };
    let days = turn.deadline_days();
    let mut specs = turn.working_day_choices("bot-dispatch-deadline-choice", days, |_, date| {
        press(Some(date))
    });
    specs.push((turn.t("bot-dispatch-type-deadline"), press(None)));
    let buttons = turn.buttons(rows(specs, 2)).await?;
    let current = case.deadline.map(text::ymd).unwrap_or_else(|| "-".into());
    let text = turn.tr(
        "casework-deadline-menu",
        Args::new().str("number", &case.number).str("date", current),
    );
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// A deadline button: a date sets it; "type a date" waits for one.
pub(crate) async fn deadline_press(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    deadline: Option<NaiveDate>,
) -> Result<(), EngineError> {
    if !allowed(turn, case, CaseOp::SetDeadline) {
        return Ok(());
    }
    match deadline {
        Some(d) => set_deadline(turn, case.id, d, Shown::Menu).await,
        None => {
            turn.state = State::Awaiting {
                pending: Pending::Fix {
                    case_id: case.id,
                    text: FixText::Deadline,
                },
            };
            turn.say_args("bot-ask-deadline", Args::new().str("number", &case.number));
            Ok(())
        }
    }
}

/// A deadline typed by the dispatcher.
pub(crate) async fn typed_deadline(
    turn: &mut Turn<'_>,
    case_id: i64,
    raw: &str,
) -> Result<(), EngineError> {
    let Some(d) = turn.typed_deadline(raw) else {
        return Ok(());
    };
    turn.state = State::Idle;
    set_deadline(turn, case_id, d, Shown::Message).await
}

async fn set_deadline(
    turn: &mut Turn<'_>,
    case_id: i64,
    deadline: NaiveDate,
    shown: Shown,
) -> Result<(), EngineError> {
    let notice = Notice::new(
        &[Audience::Handlers, Audience::Cadre],
        NoticeKind::CaseDeadlineChanged,
        "casework-notify-deadline-changed",
    )
    .arg("date", text::ymd(deadline));
    let action = Action::Correct(Correction::SetDeadline {
        deadline,
        reason: None,
    });
    let done = Done::new("casework-deadline-set", shown);
    act_and_tell(turn, case_id, &action, &[notice], done).await?;
    Ok(())
}
