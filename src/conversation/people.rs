//! `/people` for admins: who is on the roster, whether they are bound, when they last used the
//! bot, who is inactive or unreachable, a page at a time (or `/people 王`: those whose name or
//! roster code holds the words); with buttons to unbind someone's accounts or deactivate them,
//! each confirmed by a second press, and to give an unbound person an invite code.
//!
//! ```text
//! 管理员:  /people
//! bot:     人员（第 1/1 页，共 3 人）：
//!          · 王建国（C1）：已绑定 1 个账号，最近使用 2026-12-01 09:30
//!          · 李科长（O1）：未绑定
//!          · 赵干事（O2）：已停用
//!          [解绑 王建国] [停用 王建国] [停用 李科长]
//! 管理员:  (presses 停用 王建国)
//! bot:     确定停用 王建国（C1）吗？再按一次确认。  [确认停用 王建国]
//! 管理员:  (presses 确认停用 王建国)
//! bot:     已停用 王建国（C1）。……
//! 管理员:  (presses 🔑 邀请码 李科长)
//! bot:     🔑 李科长（O1）的邀请码：K7QX2M9P …… 请转交本人：私聊机器人发送 /start K7QX2M9P
//! ```

use chrono::{DateTime, Duration, Utc};

use super::engine::EngineError;
use super::state::{PeopleOp, Press, Revocation};
use super::turn::{ButtonSpec, Turn};
use super::withdraw;
use crate::domain::Role;
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::access::{self, PersonAccess};
use crate::store::audit::{self, Source};
use crate::store::invites::{self, InviteTarget};
use crate::store::people;

/// People on one page.
pub(crate) const PAGE: i64 = 8;

fn is_admin(turn: &Turn<'_>) -> bool {
    turn.person.roles.has(Role::Admin)
}

/// `/people`: the first page; `/people 王` or `/people C1`: the people whose name or roster
/// code contains the words.
pub(crate) async fn command(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    if !is_admin(turn) {
        turn.say("bot-not-for-role");
        return Ok(());
    }
    match args.trim() {
        "" => page(turn, 0, false).await,
        words => search(turn, words).await,
    }
}

/// The people whose name or code contains `words`: the first `PAGE` of them, with their
/// buttons; more than that asks for more precise words.
async fn search(turn: &mut Turn<'_>, words: &str) -> Result<(), EngineError> {
    let words = super::text::excerpt(words, 40);
    let (rows, total) = access::search(turn.conn, Some(&words), 0, PAGE).await?;
    if rows.is_empty() {
        turn.say_args("access-people-none-found", Args::new().str("words", &words));
        return Ok(());
    }
    let title = if total > PAGE {
        "access-people-found-first"
    } else {
        "access-people-found"
    };
    let mut lines = vec![
        turn.tr(
            title,
            Args::new()
                .str("words", &words)
                .num("total", total as f64)
                .num("shown", rows.len() as f64),
        ),
    ];
    let mut buttons: Vec<Vec<ButtonSpec>> = Vec::new();
    for p in &rows {
        lines.push(line(turn, p));
        buttons.push(person_buttons(turn, p));
    }
    turn.show(lines.join("\n"), buttons, false).await
}

/// A person's buttons: unbind when they have accounts, an invite code when active and
/// unbound, deactivate when active (not oneself).
fn person_buttons(turn: &Turn<'_>, p: &PersonAccess) -> Vec<ButtonSpec> {
    let mut row: Vec<ButtonSpec> = Vec::new();
    if p.accounts > 0 {
        row.push(ask_button(turn, p, Revocation::Unbind));
    } else if p.active {
        row.push((
            turn.tr("access-button-invite", Args::new().str("name", &p.name)),
            Press::People {
                op: PeopleOp::Invite { person_id: p.id },
            },
        ));
    }
    if p.active && p.id != turn.person.id {
        row.push(ask_button(turn, p, Revocation::Deactivate));
    }
    row
}

/// A button of the list or of a confirmation.
pub(crate) async fn press(turn: &mut Turn<'_>, op: PeopleOp) -> Result<(), EngineError> {
    if !is_admin(turn) {
        let text = turn.t("bot-not-for-role");
        turn.answer(text);
        return Ok(());
    }
    match op {
        PeopleOp::Page { page: p } => page(turn, p, true).await,
        PeopleOp::Ask { person_id, what } => ask(turn, person_id, what).await,
        PeopleOp::Confirm { person_id, what } => confirm(turn, person_id, what).await,
        PeopleOp::Invite { person_id } => invite(turn, person_id).await,
    }
}

fn when(turn: &Turn<'_>, at: DateTime<Utc>) -> String {
    at.with_timezone(&turn.engine.settings.timezone)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// One person's line: bound or not, last used, inactive, unreachable.
fn line(turn: &Turn<'_>, p: &PersonAccess) -> String {
    let state = if !p.active {
        turn.t("access-people-inactive")
    } else if p.accounts == 0 {
        turn.t("access-people-unbound")
    } else {
        let last = match p.last_used_at {
            Some(at) => turn.tr(
                "access-people-last-used",
                Args::new().str("when", when(turn, at)),
            ),
            None => turn.t("access-people-never-used"),
        };
        turn.tr(
            "access-people-bound",
            Args::new()
                .num("accounts", p.accounts as f64)
                .str("last", last),
        )
    };
    let unreachable = if p.active && !p.reachable {
        turn.t("access-people-unreachable")
    } else {
        String::new()
    };
    turn.tr(
        "access-people-line",
        Args::new()
            .str("name", &p.name)
            .str("code", &p.code)
            .str("state", state)
            .str("unreachable", unreachable),
    )
}

async fn page(turn: &mut Turn<'_>, page: u32, edit: bool) -> Result<(), EngineError> {
    let (_, total) = access::page(turn.conn, 0, 0).await?;
    if total == 0 {
        turn.say("access-people-empty");
        return Ok(());
    }
    let pages = (total + PAGE - 1) / PAGE;
    let page = i64::from(page).min(pages - 1);
    let (rows, _) = access::page(turn.conn, page * PAGE, PAGE).await?;
    let mut lines = vec![
        turn.tr(
            "access-people-title",
            Args::new()
                .num("page", (page + 1) as f64)
                .num("pages", pages as f64)
                .num("total", total as f64),
        ),
    ];
    let mut buttons: Vec<Vec<ButtonSpec>> = Vec::new();
    for p in &rows {
        lines.push(line(turn, p));
        buttons.push(person_buttons(turn, p));
    }
    buttons.push(turn.pager(
        page as u32,
        pages as u32,
        ("access-people-previous", "access-people-next"),
        |page| Press::People {
            op: PeopleOp::Page { page },
        },
    ));
    turn.show(lines.join("\n"), buttons, edit).await
}

fn ask_button(turn: &Turn<'_>, p: &PersonAccess, what: Revocation) -> ButtonSpec {
    let key = match what {
        Revocation::Unbind => "access-button-unbind",
        Revocation::Deactivate => "access-button-deactivate",
    };
    (
        turn.tr(key, Args::new().str("name", &p.name)),
        Press::People {
            op: PeopleOp::Ask {
                person_id: p.id,
                what,
            },
        },
    )
}

/// Whether the change still has something to do for this person; if not, says so.
fn still_applies(turn: &mut Turn<'_>, p: &PersonAccess, what: Revocation) -> bool {
    let key = match what {
        Revocation::Unbind if p.accounts == 0 => "access-people-nothing-to-unbind",
        Revocation::Deactivate if !p.active => "access-people-already-inactive",
        Revocation::Deactivate if p.id == turn.person.id => "access-people-not-yourself",
        _ => return true,
    };
    let text = turn.tr(key, Args::new().str("name", &p.name).str("code", &p.code));
    turn.notice(text);
    false
}

/// The first press: asks to press again.
async fn ask(turn: &mut Turn<'_>, person_id: i64, what: Revocation) -> Result<(), EngineError> {
    let Some(p) = access::person(turn.conn, person_id).await? else {
        let text = turn.t("access-people-gone");
        turn.answer(text);
        return Ok(());
    };
    if !still_applies(turn, &p, what) {
        return Ok(());
    }
    let (question, label) = match what {
        Revocation::Unbind => ("access-confirm-unbind", "access-button-confirm-unbind"),
        Revocation::Deactivate => (
            "access-confirm-deactivate",
            "access-button-confirm-deactivate",
        ),
    };
    let args = || Args::new().str("name", &p.name).str("code", &p.code);
    let text = turn.tr(question, args());
    let confirm = (
        turn.tr(label, args()),
        Press::People {
            op: PeopleOp::Confirm { person_id, what },
        },
    );
    let buttons = turn.buttons(vec![vec![confirm]]).await?;
    turn.push(Reply::text(text).with_buttons(buttons));
    Ok(())
}

/// The second press: does it, records it, and says what changed.
async fn confirm(turn: &mut Turn<'_>, person_id: i64, what: Revocation) -> Result<(), EngineError> {
    let (Some(p), Some(person)) = (
        access::person(turn.conn, person_id).await?,
        people::by_id(turn.conn, person_id).await?,
    ) else {
        let text = turn.t("access-people-gone");
        turn.answer(text);
        return Ok(());
    };
    if !still_applies(turn, &p, what) {
        return Ok(());
    }
    let input = turn.input;
    let source = Source::Chat {
        person_id: turn.person.id,
        transport: input.transport.code(),
    };
    let args = || Args::new().str("name", &p.name).str("code", &p.code);
    let text = match what {
        Revocation::Unbind => {
            let unbound = withdraw::unbind(turn.conn, &person, None, source, turn.now).await?;
            turn.tr("access-unbound", args().num("count", unbound.len() as f64))
        }
        Revocation::Deactivate => {
            match withdraw::deactivate(turn.conn, &person, None, source, turn.now).await? {
                Some(done) => turn.tr(
                    "access-deactivated",
                    args()
                        .num("notices", done.notices_cancelled as f64)
                        .num("invites", done.invites_revoked as f64),
                ),
                None => turn.tr("access-people-already-inactive", args()),
            }
        }
    };
    turn.answer(text.clone());
    turn.push(Reply::text(text));
    Ok(())
}

/// An invite code for an unbound, active person: the unused one they already have (so that a
/// second press, or an old button, never voids a code already handed over), or a new one for
/// `invite_ttl_days`, recorded in the audit log. `zhuqi invite` makes a fresh one that voids
/// the older.
async fn invite(turn: &mut Turn<'_>, person_id: i64) -> Result<(), EngineError> {
    let Some(p) = access::person(turn.conn, person_id).await? else {
        let text = turn.t("access-people-gone");
        turn.answer(text);
        return Ok(());
    };
    let refused = if !p.active {
        Some("access-people-already-inactive")
    } else if p.accounts > 0 {
        Some("access-invite-already-bound")
    } else {
        None
    };
    if let Some(key) = refused {
        let text = turn.tr(key, Args::new().str("name", &p.name).str("code", &p.code));
        turn.notice(text);
        return Ok(());
    }
    let (code, expires_at, key) = match invites::unused_for(turn.conn, person_id, turn.now).await? {
        Some((code, expires_at)) => (code, expires_at, "access-invite-existing"),
        None => {
            let ttl = Duration::days(i64::from(turn.engine.settings.invite_ttl_days));
            let target = InviteTarget::Person(person_id);
            let code = invites::create(turn.conn, target, turn.now, ttl).await?;
            let source = Source::Chat {
                person_id: turn.person.id,
                transport: turn.input.transport.code(),
            };
            let detail = format!(
                "invite {} made, valid until {}",
                invites::code_prefix(&code),
                (turn.now + ttl).to_rfc3339()
            );
            audit::record(turn.conn, source, "invite", &p.code, &detail, turn.now).await?;
            (code, turn.now + ttl, "access-invite-made")
        }
    };
    let text = turn.tr(
        key,
        Args::new()
            .str("name", &p.name)
            .str("code", &p.code)
            .str("invite", &code)
            .str("expires", when(turn, expires_at)),
    );
    turn.push(Reply::text(text));
    Ok(())
}
