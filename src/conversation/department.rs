//! A department officer (责任人) works the cases sent to the department: signs for them (签收) or
//! returns them with a reason (退回), posts progress, adds dated roadmap steps (路线图), and
//! resolves them with the answer to the enterprise. `/todo` lists the department's queue.
//!
//! ```text
//! bot:     📨 新交办事项：ZZ-2026-0001 …  [签收] [退回]
//! 李科长:  (presses 签收)
//! bot:     已签收 ZZ-2026-0001，请在时限内办理。  [进展] [路线图] [办结答复] …
//! 李科长:  (presses 路线图)
//! bot:     请发送路线图节点：日期加内容，如“12月3日 完成现场勘查”。
//! 李科长:  12月3日 完成现场勘查
//! bot:     已为 ZZ-2026-0001 添加路线图节点：2026-12-03 完成现场勘查。
//! 李科长:  (presses 进展) → 已联系施工单位，下周开工
//! bot:     已记录 ZZ-2026-0001 的办理进展，并告知助企干部。
//! 李科长:  (presses 办结答复) → 道路已修复，货车可正常通行
//! bot:     ZZ-2026-0001 已办结，等待助企干部与企业确认。
//! 李科长:  /todo
//! bot:     本部门待办（2）：
//!          · ZZ-2026-0003 · 办理中 · … · 2026-12-04（剩余 3 个工作日）
//! ```

use super::act::{Done, Shown, act_and_tell, finish_typed};
use super::engine::EngineError;
use super::listing;
use super::menus;
use super::notify::{Audience, Buttons, Notice};
use super::state::State;
use super::turn::Turn;
use crate::domain::{Action, NoticeKind, Role};
use crate::i18n::Args;
use crate::store::cases::CaseRow;
use crate::store::{departments, queues};

/// `/todo`: the department's open cases, nearest deadline first; for a department head (负责人),
/// the open cases of every department they head (and their own, when they are an officer).
pub(crate) async fn todo(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let mut shown = menus::headed(turn).await?;
    if turn.person.roles.has(Role::Officer)
        && let Some(d) = turn.person.department_id
        && !shown.contains(&d)
    {
        shown.insert(0, d);
    }
    let mut names = Vec::new();
    for id in &shown {
        if let Some(d) = departments::by_id(turn.conn, *id).await? {
            names.push(d.name);
        }
    }
    if names.is_empty() {
        turn.say("menus-todo-no-department");
        return Ok(());
    }
    let listing = match shown.as_slice() {
        [one] => queues::of_department(turn.conn, *one).await?,
        many => queues::of_departments(turn.conn, many).await?,
    };
    let separator = turn.t("bot-list-separator");
    let title = Args::new().str("department", names.join(&separator));
    listing::list(turn, listing, ("bot-todo-title", title), "bot-todo-empty").await
}

/// 签收.
pub(crate) async fn accept(turn: &mut Turn<'_>, case: &CaseRow) -> Result<(), EngineError> {
    let notice = Notice::new(
        &[Audience::Cadre],
        NoticeKind::CaseAccepted,
        "bot-notify-accepted",
    );
    let done = Done::new("bot-accepted", Shown::AnswerAndCard);
    act_and_tell(turn, case.id, &Action::Accept, &[notice], done).await?;
    Ok(())
}

/// 退回, with the reason: the dispatchers get the case back to route it again.
pub(crate) async fn return_case(
    turn: &mut Turn<'_>,
    case_id: i64,
    reason: String,
) -> Result<(), EngineError> {
    let notice = Notice::new(
        &[Audience::Dispatchers],
        NoticeKind::CaseReturned,
        "bot-notify-returned",
    )
    .arg("reason", reason.clone())
    .buttons(Buttons::Dispatch);
    let action = Action::Return { reason };
    finish_typed(turn, case_id, action, notice, "bot-returned").await
}

/// Progress on the case; the cadre hears of it.
pub(crate) async fn progress(
    turn: &mut Turn<'_>,
    case_id: i64,
    note: String,
) -> Result<(), EngineError> {
    let notice = Notice::new(
        &[Audience::Cadre],
        NoticeKind::CaseProgress,
        "bot-notify-progress",
    )
    .arg("note", note.clone());
    let action = Action::Progress { note };
    finish_typed(turn, case_id, action, notice, "bot-progress-saved").await
}

/// Resolves the case with the answer to the enterprise; the cadre confirms it with them.
pub(crate) async fn resolve(
    turn: &mut Turn<'_>,
    case_id: i64,
    answer: String,
) -> Result<(), EngineError> {
    let notice = Notice::new(
        &[Audience::Cadre],
        NoticeKind::CaseResolved,
        "bot-notify-resolved",
    )
    .arg("answer", answer.clone())
    .buttons(Buttons::Card);
    let action = Action::Resolve { answer };
    finish_typed(turn, case_id, action, notice, "bot-resolved").await
}

/// A roadmap step typed as "date text".
pub(crate) async fn milestone(
    turn: &mut Turn<'_>,
    case_id: i64,
    typed: &str,
) -> Result<(), EngineError> {
    let Some((due_on, title)) = turn.typed_step(typed) else {
        return Ok(());
    };
    turn.state = State::Idle;
    let done = Done::new("bot-milestone-added", Shown::Message)
        .arg("date", due_on.format("%Y-%m-%d").to_string())
        .arg("title", title.clone());
    let action = Action::AddMilestone { title, due_on };
    act_and_tell(turn, case_id, &action, &[], done).await?;
    Ok(())
}
