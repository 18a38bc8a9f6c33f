//! Messages to the other people a case concerns, queued in the outbox in the same transaction
//! as the change, each rendered in its recipient's language with buttons made for them.

use super::Reply;
use super::card::{self, History};
use super::dispatch;
use super::engine::{EngineError, Turn, make_buttons};
use crate::domain::Role;
use crate::i18n::{Args, normalize_locale, tr};
use crate::store::cases::CaseRow;
use crate::store::outbox::{self, NewNotification, Recipient};
use crate::store::{accounts, departments, people};

/// What buttons a notification carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Buttons {
    None,
    /// The card buttons the recipient may press.
    Card,
    /// The dispatch proposal (for dispatchers).
    Dispatch,
}

/// A notification about a case: its kind (part of the outbox key), the headline above the card,
/// the headline's text arguments, and its buttons.
pub(crate) struct Notice<'n> {
    pub kind: &'n str,
    pub head: &'n str,
    pub args: Vec<(&'static str, String)>,
    pub buttons: Buttons,
}

fn headline(locale: &str, notice: &Notice<'_>, case: &CaseRow, actor: &str) -> String {
    let mut args = Args::new().str("number", &case.number).str("actor", actor);
    for (name, value) in &notice.args {
        args = args.str(name, value);
    }
    tr(locale, notice.head, args)
}

/// Queues a notice about `case` for the cadre paired with its enterprise, if it has one.
pub(crate) async fn cadre(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    notice: &Notice<'_>,
) -> Result<(), EngineError> {
    match case.cadre_id {
        Some(cadre) => person(turn, cadre, case, notice).await,
        None => Ok(()),
    }
}

/// Queues a notice about `case` for one person (never the person acting).
pub(crate) async fn person(
    turn: &mut Turn<'_>,
    recipient_id: i64,
    case: &CaseRow,
    notice: &Notice<'_>,
) -> Result<(), EngineError> {
    if recipient_id == turn.person.id {
        return Ok(());
    }
    let Some(recipient) = people::by_id(turn.conn, recipient_id).await? else {
        return Ok(());
    };
    let locale = normalize_locale(&recipient.locale);
    let today = turn.today();
    let head = headline(locale, notice, case, &turn.person.name);
    let (body, specs) = match notice.buttons {
        Buttons::Dispatch => {
            let plan = dispatch::initial_plan(turn.conn, turn.engine, case, today).await?;
            dispatch::proposal(turn.conn, turn.engine, locale, case, plan, today).await?
        }
        Buttons::Card => {
            let body = card::render(
                turn.conn,
                turn.engine,
                case,
                locale,
                today,
                History::Latest(card::LATEST_EVENTS),
            )
            .await?;
            let specs = card::action_specs(locale, &recipient.actor(), case, today, true);
            (body, specs)
        }
        Buttons::None => {
            let body = card::render(
                turn.conn,
                turn.engine,
                case,
                locale,
                today,
                History::Latest(1),
            )
            .await?;
            (body, vec![])
        }
    };
    let chat = accounts::first_chat(turn.conn, recipient.id)
        .await?
        .unwrap_or_default();
    let buttons = make_buttons(turn.conn, recipient.id, chat, specs, turn.now).await?;
    let body = Reply::text(format!("{head}\n\n{body}")).with_buttons(buttons);
    outbox::enqueue(
        turn.conn,
        &NewNotification {
            recipient: Recipient::Person(recipient.id),
            case_id: Some(case.id),
            kind: notice.kind.to_string(),
            due_at: turn.now,
            not_before: turn.now,
            body,
        },
        turn.now,
    )
    .await?;
    Ok(())
}

/// Queues a notice for several people.
pub(crate) async fn people_list(
    turn: &mut Turn<'_>,
    recipients: &[i64],
    case: &CaseRow,
    notice: &Notice<'_>,
) -> Result<(), EngineError> {
    for id in recipients {
        person(turn, *id, case, notice).await?;
    }
    Ok(())
}

/// Queues a notice for the department's bound group chats (no buttons: a group is not a person).
pub(crate) async fn groups(
    turn: &mut Turn<'_>,
    department_id: i64,
    case: &CaseRow,
    notice: &Notice<'_>,
) -> Result<(), EngineError> {
    let locale = normalize_locale(&turn.engine.settings.default_locale);
    let today = turn.today();
    for group in departments::group_chats(turn.conn, department_id).await? {
        let head = headline(locale, notice, case, &turn.person.name);
        let body = card::render(
            turn.conn,
            turn.engine,
            case,
            locale,
            today,
            History::Latest(0),
        )
        .await?;
        outbox::enqueue(
            turn.conn,
            &NewNotification {
                recipient: Recipient::Group(group),
                case_id: Some(case.id),
                kind: notice.kind.to_string(),
                due_at: turn.now,
                not_before: turn.now,
                body: Reply::text(format!("{head}\n\n{body}")),
            },
            turn.now,
        )
        .await?;
    }
    Ok(())
}

/// Everyone who dispatches cases.
pub(crate) async fn dispatchers(turn: &mut Turn<'_>) -> Result<Vec<i64>, EngineError> {
    Ok(people::with_role(turn.conn, Role::Dispatcher)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// Who in the department works the case: its assignee, else all the department's officers.
pub(crate) async fn handlers(turn: &mut Turn<'_>, case: &CaseRow) -> Result<Vec<i64>, EngineError> {
    if let Some(a) = case.assignee_id {
        return Ok(vec![a]);
    }
    match case.department_id {
        Some(d) => Ok(departments::officers(turn.conn, d)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect()),
        None => Ok(vec![]),
    }
}

/// The head of the case's department, if it has one.
pub(crate) async fn head(turn: &mut Turn<'_>, case: &CaseRow) -> Result<Option<i64>, EngineError> {
    match case.department_id {
        Some(d) => Ok(departments::by_id(turn.conn, d)
            .await?
            .and_then(|d| d.head_id)),
        None => Ok(None),
    }
}
