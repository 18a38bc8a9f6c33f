//! Notices to the other people a case concerns, queued in the outbox in the same transaction
//! as the change, each rendered in its recipient's language with buttons made for them. Who
//! handles a case is `domain::case_handlers`, the rule the scheduler uses too.

use super::card::{self, History};
use super::card_buttons;
use super::engine::EngineError;
use super::proposal;
use super::state::{ExtensionOp, Fix, Press};
use super::turn::{Turn, make_buttons};
use crate::domain::{Handler, NoticeKind, Role, case_handlers};
use crate::i18n::{Args, normalize_locale, t, tr};
use crate::message::Reply;
use crate::store::cases::CaseRow;
use crate::store::outbox::{self, NewNotification, Recipient};
use crate::store::{access, accounts, departments, people, team};

/// What buttons a notice carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Buttons {
    None,
    /// The card buttons the recipient may press.
    Card,
    /// The dispatch proposal (for dispatchers).
    Dispatch,
    /// Approve / refuse an extension request (for whoever decides it).
    Extension {
        request_id: i64,
    },
}

/// Who hears of a change to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Audience {
    /// The cadre paired with the case's enterprise.
    Cadre,
    /// Everyone who dispatches cases.
    Dispatchers,
    /// Whoever handles the case: its assignee, else the department's group, else its officers.
    Handlers,
    /// The head of the case's department.
    Head,
    /// The department's bound group chats.
    Groups,
    /// The county leaders.
    Leaders,
    /// One person.
    Person(i64),
    /// The people who follow the township of the case's enterprise (乡镇, 块).
    Township,
}

/// A notice about a case: who hears of it, its kind (part of the outbox key), the headline
/// above the card and the headline's arguments (`number`, `actor` and `department` are
/// always given), and its buttons.
pub(crate) struct Notice {
    pub to: Vec<Audience>,
    pub kind: NoticeKind,
    pub head: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub buttons: Buttons,
}

impl Notice {
    pub fn new(to: &[Audience], kind: NoticeKind, head: &'static str) -> Notice {
        Notice {
            to: to.to_vec(),
            kind,
            head,
            args: vec![],
            buttons: Buttons::None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Notice {
        self.args.push((name, value.into()));
        self
    }

    pub fn buttons(mut self, buttons: Buttons) -> Notice {
        self.buttons = buttons;
        self
    }
}

fn headline(locale: &str, notice: &Notice, case: &CaseRow, actor: &str) -> String {
    let mut args = Args::new()
        .str("number", &case.number)
        .str("actor", actor)
        .str(
            "department",
            case.department_name.clone().unwrap_or_default(),
        );
    for (name, value) in &notice.args {
        args = args.str(name, value);
    }
    tr(locale, notice.head, args)
}

/// Queues the notice for everyone it is for (each once; never the person acting).
pub(crate) async fn send(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    notice: &Notice,
) -> Result<(), EngineError> {
    for recipient in recipients(turn, case, &notice.to).await? {
        match recipient {
            Handler::Person(id) => person(turn, id, case, notice).await?,
            Handler::Group(id) => group(turn, id, case, notice).await?,
        }
    }
    Ok(())
}

/// The audiences resolved to people and groups, in order, each once.
async fn recipients(
    turn: &mut Turn<'_>,
    case: &CaseRow,
    audiences: &[Audience],
) -> Result<Vec<Handler>, EngineError> {
    let mut out: Vec<Handler> = Vec::new();
    for audience in audiences {
        let found = match audience {
            Audience::Cadre => case.cadre_id.map(Handler::Person).into_iter().collect(),
            Audience::Dispatchers => people::with_role(turn.conn, Role::Dispatcher)
                .await?
                .into_iter()
                .map(|p| Handler::Person(p.id))
                .collect(),
            Audience::Leaders => people::with_role(turn.conn, Role::Leader)
                .await?
                .into_iter()
                .map(|p| Handler::Person(p.id))
                .collect(),
            Audience::Person(id) => vec![Handler::Person(*id)],
            Audience::Township => team::township_people(turn.conn, case.township_id)
                .await?
                .into_iter()
                .map(Handler::Person)
                .collect(),
            Audience::Handlers => {
                let (groups, officers) = match case.department_id {
                    Some(d) => (
                        departments::group_chats(turn.conn, d).await?,
                        departments::officers(turn.conn, d)
                            .await?
                            .into_iter()
                            .map(|o| o.id)
                            .collect(),
                    ),
                    None => (vec![], vec![]),
                };
                // An assignee who was deactivated hears nothing: the department does, as the
                // scheduler's reminders do, until the office hands the case over.
                let assignee = match case.assignee_id {
                    Some(a) if access::is_active(turn.conn, a).await? => Some(a),
                    _ => None,
                };
                case_handlers(assignee, &groups, &officers)
            }
            Audience::Head => match case.department_id {
                Some(d) => departments::by_id(turn.conn, d)
                    .await?
                    .and_then(|d| d.head_id)
                    .map(Handler::Person)
                    .into_iter()
                    .collect(),
                None => vec![],
            },
            Audience::Groups => match case.department_id {
                Some(d) => departments::group_chats(turn.conn, d)
                    .await?
                    .into_iter()
                    .map(Handler::Group)
                    .collect(),
                None => vec![],
            },
        };
        for h in found {
            if !out.contains(&h) {
                out.push(h);
            }
        }
    }
    Ok(out)
}

/// Queues a notice about `case` for one person (never the person acting).
async fn person(
    turn: &mut Turn<'_>,
    recipient_id: i64,
    case: &CaseRow,
    notice: &Notice,
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
            let plan = proposal::initial_plan(turn.conn, turn.engine, case, today).await?;
            proposal::proposal(turn.conn, turn.engine, locale, case, plan, today).await?
        }
        buttons => {
            let history = match buttons {
                Buttons::None => History::Latest(1),
                _ => History::Latest(card::LATEST_EVENTS),
            };
            let body = card::render(turn.conn, turn.engine, case, locale, today, history).await?;
            let specs = match buttons {
                Buttons::Card => {
                    let extras = card_buttons::Extras::of(turn.conn, case.id).await?;
                    let actor = recipient.actor();
                    card_buttons::action_specs(locale, &actor, case, today, true, extras)
                }
                Buttons::Extension { request_id } => {
                    let press = |op| Press::Fix {
                        case_id: case.id,
                        fix: Fix::Extension { request_id, op },
                        seen: None,
                    };
                    vec![vec![
                        (
                            t(locale, "casework-extension-approve"),
                            press(ExtensionOp::Approve),
                        ),
                        (
                            t(locale, "casework-extension-refuse"),
                            press(ExtensionOp::Refuse),
                        ),
                    ]]
                }
                Buttons::None | Buttons::Dispatch => vec![],
            };
            (body, specs)
        }
    };
    // Buttons record the chat they are shown in; a person with no bound chat yet (who reads
    // notices in the console, or after binding) gets buttons that name no chat.
    let chat = accounts::first_chat(turn.conn, recipient.id).await?;
    if chat.is_none() {
        tracing::info!(
            person_id = recipient.id,
            case_id = case.id,
            "notice queued for a person with no bound chat"
        );
    }
    let buttons = make_buttons(turn.conn, recipient.id, chat, specs, turn.now).await?;
    let body = Reply::text(format!("{head}\n\n{body}")).with_buttons(buttons);
    enqueue(
        turn,
        Recipient::Person(recipient.id),
        case,
        notice.kind,
        body,
    )
    .await
}

/// Queues a notice for a department's bound group chat (no buttons: a group is not a person).
/// Every member of the group reads it, so it carries the group card and a headline without the
/// notes, answers and reasons a private notice quotes.
async fn group(
    turn: &mut Turn<'_>,
    group_id: i64,
    case: &CaseRow,
    notice: &Notice,
) -> Result<(), EngineError> {
    let locale = normalize_locale(&turn.engine.settings.default_locale);
    let today = turn.today();
    let head = tr(
        locale,
        group_headline(notice.kind),
        Args::new().str("number", &case.number),
    );
    let body = card::render_for_group(turn.engine, case, locale, today);
    let body = Reply::text(format!("{head}\n\n{body}"));
    enqueue(turn, Recipient::Group(group_id), case, notice.kind, body).await
}

/// The headline of a notice to a group: what happened, never what anyone wrote.
fn group_headline(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::CaseDispatched => "bot-group-notice-dispatched",
        NoticeKind::CaseReopened => "bot-group-notice-reopened",
        NoticeKind::CaseClosed => "bot-group-notice-closed",
        NoticeKind::CaseSupervised => "bot-group-notice-supervised",
        _ => "bot-group-notice-changed",
    }
}

async fn enqueue(
    turn: &mut Turn<'_>,
    recipient: Recipient,
    case: &CaseRow,
    kind: NoticeKind,
    body: Reply,
) -> Result<(), EngineError> {
    outbox::enqueue(
        turn.conn,
        &NewNotification {
            recipient,
            case_id: Some(case.id),
            kind: kind.code().to_string(),
            due_at: turn.now,
            not_before: turn.now,
            body,
        },
        turn.now,
    )
    .await?;
    Ok(())
}
