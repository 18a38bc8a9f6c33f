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

use super::card::{self, History};
use super::engine::{EngineError, Turn};
use super::notify::{self, Buttons, Notice};
use super::parse;
use super::state::State;
use crate::domain::{Action, Role};
use crate::i18n::Args;
use crate::store::cases::CaseRow;
use crate::store::{departments, queues};

/// `/todo`: the department's open cases, nearest deadline first.
pub(crate) async fn todo(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let department = match turn.person.department_id {
        Some(d) if turn.person.roles.has(Role::Officer) => departments::by_id(turn.conn, d).await?,
        _ => None,
    };
    let Some(department) = department else {
        turn.say("bot-not-for-role");
        return Ok(());
    };
    let listing = queues::of_department(turn.conn, department.id).await?;
    let title = turn.tr(
        "bot-todo-title",
        Args::new()
            .str("department", &department.name)
            .num("count", listing.total as f64),
    );
    card::list(turn, title, listing, "bot-todo-empty").await
}

/// 签收.
pub(crate) async fn accept(turn: &mut Turn<'_>, case: &CaseRow) -> Result<(), EngineError> {
    let Some(acted) = turn.act(case.id, &Action::Accept).await? else {
        return Ok(());
    };
    let case = acted.case;
    notify::cadre(
        turn,
        &case,
        &Notice {
            kind: "case_accepted",
            head: "bot-notify-accepted",
            args: vec![],
            buttons: Buttons::None,
        },
    )
    .await?;
    let text = turn.tr("bot-accepted", Args::new().str("number", &case.number));
    turn.answer(text.clone());
    card::show(turn, &case, History::Latest(card::LATEST_EVENTS)).await
}

/// 退回, with the reason.
pub(crate) async fn return_case(
    turn: &mut Turn<'_>,
    case_id: i64,
    reason: String,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let action = Action::Return {
        reason: reason.clone(),
    };
    let Some(acted) = turn.act(case_id, &action).await? else {
        return Ok(());
    };
    let case = acted.case;
    let recipients = notify::dispatchers(turn).await?;
    notify::people_list(
        turn,
        &recipients,
        &case,
        &Notice {
            kind: "case_returned",
            head: "bot-notify-returned",
            args: vec![
                ("reason", reason),
                (
                    "department",
                    case.department_name.clone().unwrap_or_default(),
                ),
            ],
            buttons: Buttons::Dispatch,
        },
    )
    .await?;
    turn.say_args("bot-returned", Args::new().str("number", &case.number));
    Ok(())
}

pub(crate) async fn progress(
    turn: &mut Turn<'_>,
    case_id: i64,
    note: String,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let action = Action::Progress { note: note.clone() };
    let Some(acted) = turn.act(case_id, &action).await? else {
        return Ok(());
    };
    let case = acted.case;
    notify::cadre(
        turn,
        &case,
        &Notice {
            kind: "case_progress",
            head: "bot-notify-progress",
            args: vec![("note", note)],
            buttons: Buttons::None,
        },
    )
    .await?;
    turn.say_args(
        "bot-progress-saved",
        Args::new().str("number", &case.number),
    );
    Ok(())
}

/// Resolves the case with the answer to the enterprise; the cadre confirms it with them.
pub(crate) async fn resolve(
    turn: &mut Turn<'_>,
    case_id: i64,
    answer: String,
) -> Result<(), EngineError> {
    turn.state = State::Idle;
    let action = Action::Resolve {
        answer: answer.clone(),
    };
    let Some(acted) = turn.act(case_id, &action).await? else {
        return Ok(());
    };
    let case = acted.case;
    notify::cadre(
        turn,
        &case,
        &Notice {
            kind: "case_resolved",
            head: "bot-notify-resolved",
            args: vec![("answer", answer)],
            buttons: Buttons::Card,
        },
    )
    .await?;
    turn.say_args("bot-resolved", Args::new().str("number", &case.number));
    Ok(())
}

/// A roadmap step typed as "date text".
pub(crate) async fn milestone(
    turn: &mut Turn<'_>,
    case_id: i64,
    typed: &str,
) -> Result<(), EngineError> {
    let today = turn.today();
    let Some((due_on, title)) = parse::leading_date_and_rest(typed, today) else {
        turn.say("bot-milestone-format");
        return Ok(());
    };
    if title.is_empty() {
        turn.say("bot-milestone-format");
        return Ok(());
    }
    if due_on < today {
        turn.say("bot-deadline-past");
        return Ok(());
    }
    turn.state = State::Idle;
    let action = Action::AddMilestone {
        title: title.clone(),
        due_on,
    };
    let Some(acted) = turn.act(case_id, &action).await? else {
        return Ok(());
    };
    turn.say_args(
        "bot-milestone-added",
        Args::new()
            .str("number", &acted.case.number)
            .str("date", due_on.format("%Y-%m-%d").to_string())
            .str("title", title),
    );
    Ok(())
}
