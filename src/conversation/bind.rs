//! Binding a messenger account to an invited person, and what strangers see: one polite
//! refusal per chat per hour; an invite code is answered, until an account has sent too many
//! wrong ones (then one "try again later", and silence for the block). An account whose access
//! was withdrawn (unbound, or its person deactivated) is told so once, then treated as a
//! stranger's.
//!
//! ```text
//! stranger: 你好
//! bot:      您好！这是县亲商助企活动的工作机器人，仅供受邀人员使用。如您已收到邀请码，请发送 /start 邀请码 完成绑定。
//! stranger: /start WRONG123
//! bot:      邀请码无效、已使用或已过期。请向活动办索取新的邀请码。
//! stranger: /start K7PQ2M9X
//! bot:      绑定成功！王建国，您好。您的角色：助企干部。
//!           （随后是 /help 的内容，聊天的命令菜单换成该角色可用的命令）
//! 王建国:   /start K7PQ2M9X
//! bot:      您的账号已绑定为 王建国，无需再次绑定。发送 /help 查看可以做什么。
//! ```

use crate::store::PgConnection;
use chrono::{DateTime, Duration, Utc};

use super::engine::{Engine, EngineError};
use super::state::State;
use super::turn::Turn;
use super::{guide, menus, parse};
use crate::domain::commands::Who;
use crate::i18n::{Args, normalize_locale, t, tr};
use crate::message::{Input, InputKind, Outcome, Reply};
use crate::store::accounts::{self, Bound};
use crate::store::invite_attempts::{self, Standing};
use crate::store::invites::{self, InviteError, InviteTarget};
use crate::store::{self, access, people, strangers};

/// A stranger's chat is refused at most once in this many hours.
pub const REFUSAL_WINDOW_HOURS: i64 = 1;

/// Someone with no bound account wrote: only `/start CODE` does anything.
pub(crate) async fn stranger(
    engine: &Engine,
    conn: &mut PgConnection,
    input: &Input,
    now: DateTime<Utc>,
) -> Result<Outcome, EngineError> {
    let locale = normalize_locale(
        input
            .language_code
            .as_deref()
            .unwrap_or(&engine.settings.default_locale),
    );
    let start_code = match &input.kind {
        InputKind::Command { name, args } => {
            (name.eq_ignore_ascii_case("start")).then(|| args.clone())
        }
        InputKind::Text { text } => match parse::command(text) {
            Some(c) if c.name == "start" => Some(c.args),
            _ => None,
        },
        InputKind::Callback { .. } => {
            return Ok(Outcome {
                replies: vec![],
                callback_answer: Some(t(locale, "bot-stranger-button")),
            });
        }
        _ => None,
    };
    // An account that sent too many wrong codes is told once to try later, then ignored.
    let transport = input.transport.code();
    match invite_attempts::standing(conn, transport, input.user_id, now).await? {
        Standing::Free => {}
        Standing::BlockedTell => return Ok(refusal(locale, "access-invite-try-later")),
        Standing::BlockedSilent => return Ok(Outcome::default()),
    }
    let code = start_code.unwrap_or_default();
    if code.trim().is_empty() {
        // One refusal per chat per hour: a flood of messages gets one answer, and no row
        // but the chat's refusal time.
        let window = Duration::hours(REFUSAL_WINDOW_HOURS);
        if !strangers::claim_refusal(conn, transport, input.chat_id, now, window).await? {
            return Ok(Outcome::default());
        }
        return Ok(refusal(locale, "bot-stranger"));
    }
    let mut tx = crate::store::savepoint(conn).await?;
    let target = match invites::redeem(&mut tx, &code, input.user_id, now).await {
        Ok(target) => target,
        Err(InviteError::Store(e)) => return Err(e.into()),
        Err(
            why @ (InviteError::Unknown
            | InviteError::Used
            | InviteError::Expired
            | InviteError::Revoked),
        ) => {
            tx.rollback().await?;
            return wrong_code(engine, conn, input, locale, &why, now).await;
        }
    };
    let InviteTarget::Person(person_id) = target else {
        // A department's code binds a group, not a person: leave it unused.
        tx.rollback().await?;
        return Ok(refusal(locale, "bot-invite-for-group"));
    };
    if !access::is_active(&mut tx, person_id).await? {
        // An invite left over for someone deactivated since: refused, left as it was.
        tx.rollback().await?;
        return wrong_code(engine, conn, input, locale, &InviteError::Revoked, now).await;
    }
    let bound = accounts::bind(
        &mut tx,
        person_id,
        transport,
        input.user_id,
        input.chat_id,
        input.user_name.as_deref(),
        now,
    )
    .await?;
    if bound == Bound::OtherPerson {
        tx.rollback().await?;
        return Ok(refusal(locale, "bot-invite-invalid"));
    }
    tx.commit().await?;
    let Some(person) = people::by_id(conn, person_id).await? else {
        return Ok(refusal(locale, "bot-invite-invalid"));
    };
    store::conversations::lock(conn, transport, input.chat_id, now).await?;
    store::conversations::save(
        conn,
        transport,
        input.chat_id,
        Some(person.id),
        &State::Idle.to_json(),
        now,
    )
    .await?;
    let locale = normalize_locale(&person.locale);
    let welcome = tr(
        locale,
        "bot-welcome",
        Args::new()
            .str("name", &person.name)
            .str("roles", guide::role_names(locale, &person.roles)),
    );
    let head = store::menus::is_head(conn, person.id).await?;
    let who = Who::new(person.roles.clone(), head);
    let menu = menus::reply_for(conn, person.id, locale, &who, now).await?;
    Ok(Outcome {
        replies: vec![
            Reply::text(welcome),
            Reply::text(guide::render(locale, &person.name, &who)),
            menu,
        ],
        callback_answer: None,
    })
}

/// A wrong code: counted against the account and logged (never the code itself); answered as
/// invalid. The code that reaches the limit starts the block.
async fn wrong_code(
    engine: &Engine,
    conn: &mut PgConnection,
    input: &Input,
    locale: &str,
    why: &InviteError,
    now: DateTime<Utc>,
) -> Result<Outcome, EngineError> {
    let transport = input.transport.code();
    let guard = &engine.settings.invite_guard;
    let throttle = invite_attempts::Throttle {
        limit: guard.wrong_codes,
        window: Duration::minutes(i64::from(guard.window_minutes)),
        block: Duration::minutes(i64::from(guard.block_minutes)),
    };
    let (count, blocked) =
        invite_attempts::record_failure(conn, transport, input.user_id, throttle, now).await?;
    tracing::warn!(
        transport,
        user_id = input.user_id,
        chat_id = input.chat_id,
        reason = %why,
        wrong_codes = count,
        blocked,
        "a wrong invite code was sent"
    );
    Ok(refusal(locale, "bot-invite-invalid"))
}

/// Someone whose access was taken away (account unbound, or person deactivated) writes for the
/// first time since: told so, once. `None`: nothing to tell (a stranger, or told already).
pub(crate) async fn withdrawn(
    engine: &Engine,
    conn: &mut PgConnection,
    input: &Input,
    now: DateTime<Utc>,
) -> Result<Option<Outcome>, EngineError> {
    let transport = input.transport.code();
    if !access::claim_withdrawal_notice(conn, transport, input.user_id, now).await? {
        return Ok(None);
    }
    let locale = normalize_locale(
        input
            .language_code
            .as_deref()
            .unwrap_or(&engine.settings.default_locale),
    );
    // The refusal window starts now: the next messages are not refused again at once.
    strangers::claim_refusal(
        conn,
        transport,
        input.chat_id,
        now,
        Duration::hours(REFUSAL_WINDOW_HOURS),
    )
    .await?;
    let text = t(locale, "access-withdrawn");
    Ok(Some(match input.kind {
        InputKind::Callback { .. } => Outcome {
            replies: vec![Reply::text(text.clone())],
            callback_answer: Some(text),
        },
        _ => refusal(locale, "access-withdrawn"),
    }))
}

fn refusal(locale: &str, key: &str) -> Outcome {
    Outcome {
        replies: vec![Reply::text(t(locale, key))],
        callback_answer: None,
    }
}

/// `/start` from someone already bound: a greeting, never a second binding.
pub(crate) async fn start_bound(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    let name = turn.person.name.clone();
    if args.trim().is_empty() {
        turn.say_args("bot-welcome-back", Args::new().str("name", &name));
        let who = menus::who(turn);
        let help = guide::render(turn.locale, &turn.person.name, &who);
        turn.push(Reply::text(help));
    } else {
        turn.say_args("bot-already-bound", Args::new().str("name", &name));
    }
    Ok(())
}
