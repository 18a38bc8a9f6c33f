//! 路线图: a case's roadmap steps, managed from the card — marked done, changed (date and text)
//! or removed — by the department or the dispatcher. A done or removed step reminds no more.
//!
//! ```text
//! 李科长:  (presses 🗓 管理路线图 on the card of ZZ-2026-0001)
//! bot:     ZZ-2026-0001 的路线图：
//!          [✅ 12-03 完成现场勘查] [✏️ 修改] [🗑 删除]
//! 李科长:  (presses ✅ 12-03 完成现场勘查)
//! bot:     已将 ZZ-2026-0001 的路线图节点“完成现场勘查”标记为完成。
//! ```

use super::access::allowed;
use super::act::{Done, Shown, act_and_tell};
use super::engine::EngineError;
use super::state::{CaseOp, Fix, FixText, Pending, Press, State, StepOp};
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::domain::{Action, Correction};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::cases::CaseRow;
use crate::store::milestones;

/// Characters of a step's text on its button.
const STEP_LABEL: usize = 24;

/// The open steps, each with done / change / remove.
pub(crate) async fn menu(turn: &mut Turn<'_>, case: &CaseRow) -> Result<(), EngineError> {
    if !allowed(turn, case, CaseOp::Roadmap) {
        return Ok(());
    }
    let steps = milestones::of_case(turn.conn, case.id).await?;
    let open: Vec<_> = steps.into_iter().filter(|m| m.done_at.is_none()).collect();
    if open.is_empty() {
        turn.say_args(
            "casework-roadmap-empty",
            Args::new().str("number", &case.number),
        );
        return Ok(());
    }
    let press = |milestone_id, op| Press::Fix {
        case_id: case.id,
        fix: Fix::Step { milestone_id, op },
        seen: None,
    };
    let rows: Vec<Vec<ButtonSpec>> = open
        .iter()
        .map(|m| {
            let done = turn.tr(
                "casework-step-done-button",
                Args::new()
                    .str("date", m.due_on.format("%m-%d").to_string())
                    .str("title", text::excerpt(&m.title, STEP_LABEL)),
            );
            vec![
                (done, press(m.id, StepOp::Done)),
                (
                    turn.t("casework-step-change-button"),
                    press(m.id, StepOp::Change),
                ),
                (
                    turn.t("casework-step-remove-button"),
                    press(m.id, StepOp::Remove),
                ),
            ]
        })
        .collect();
    let buttons = turn.buttons(rows).await?;
    let text = turn.tr(
        "casework-roadmap-menu",
        Args::new().str("number", &case.number),
    );
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// A step's button.
pub(crate) async fn press(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    milestone_id: i64,
    op: StepOp,
) -> Result<(), EngineError> {
    if !allowed(turn, case, CaseOp::Roadmap) {
        return Ok(());
    }
    let Some(step) = milestones::live(turn.conn, case.id, milestone_id).await? else {
        let text = turn.t("casework-step-gone");
        turn.notice(text);
        return Ok(());
    };
    let title = step.title.clone();
    match op {
        StepOp::Done => {
            let action = Action::Correct(Correction::StepDone { milestone_id });
            let done = Done::new("casework-step-marked-done", Shown::Message).arg("title", title);
            act_and_tell(turn, case.id, &action, &[], done).await?;
        }
        StepOp::Remove => {
            let action = Action::Correct(Correction::StepRemove { milestone_id });
            let done = Done::new("casework-step-removed", Shown::Message).arg("title", title);
            act_and_tell(turn, case.id, &action, &[], done).await?;
        }
        StepOp::Change => {
            turn.state = State::Awaiting {
                pending: Pending::Fix {
                    case_id: case.id,
                    text: FixText::Step { milestone_id },
                },
            };
            turn.say_args(
                "casework-ask-step-change",
                Args::new()
                    .str("number", &case.number)
                    .str("date", step.due_on.format("%Y-%m-%d").to_string())
                    .str("title", title),
            );
        }
    }
    Ok(())
}

/// The step's new date and text, typed as "date text".
pub(crate) async fn typed_change(
    turn: &mut Turn<'_>,
    case_id: i64,
    milestone_id: i64,
    typed: &str,
) -> Result<(), EngineError> {
    let Some((due_on, title)) = turn.typed_step(typed) else {
        return Ok(());
    };
    turn.state = State::Idle;
    let done = Done::new("casework-step-changed", Shown::Message)
        .arg("date", due_on.format("%Y-%m-%d").to_string())
        .arg("title", title.clone());
    let action = Action::Correct(Correction::StepChange {
        milestone_id,
        title,
        due_on,
    });
    act_and_tell(turn, case_id, &action, &[], done).await?;
    Ok(())
}
