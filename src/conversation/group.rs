//! Group chats: a department binds its group with `/bind CODE` (an invite made for the
//! department) and then receives its cases there. In a group only `/bind` and `/help` do
//! anything; plain messages are left to the people and never answered (commands for other bots
//! never reach the engine: the transport drops them).
//!
//! Only a person with a bound account who is an officer or the head of the code's department
//! may bind a group; anyone else is refused and the code stays unused. A bound group is not
//! moved to another department by a second code: it must be unbound first (`zhuqi groups
//! unbind`). When the bot is removed from a group the binding ends; when a group becomes a
//! supergroup the binding follows it. Both are written to the audit log.
//!
//! ```text
//! 李科长:  /bind@zhuqi_bot Q8RT5WXY
//! bot:     本群已绑定为 县交通运输局 的工作群，交办给本部门的事项会在这里通知。
//! 李科长:  /help
//! bot:     本群是 县交通运输局 的工作群：新交办的事项会在这里通知。处理事项请私聊我。
//! 李科长:  /summary@other_bot
//!          (nothing: that command is for another bot)
//! 李科长:  /todo
//! bot:     在群里我只处理 /bind 和 /help，办理事项请私聊我。
//! ```

use crate::store::PgConnection;
use chrono::{DateTime, Utc};

use super::engine::{Engine, EngineError};
use super::parse;
use crate::i18n::{Args, normalize_locale, t, tr};
use crate::message::{Input, InputKind, Outcome, Reply};
use crate::store::audit::{self, Source};
use crate::store::invites::{self, InviteError, InviteTarget};
use crate::store::{departments, group_chats, people};

pub(crate) async fn handle(
    engine: &Engine,
    conn: &mut PgConnection,
    input: &Input,
    now: DateTime<Utc>,
) -> Result<Outcome, EngineError> {
    let locale = normalize_locale(&engine.settings.default_locale);
    let (name, args) = match &input.kind {
        InputKind::Command { name, args } => (name.to_ascii_lowercase(), args.clone()),
        InputKind::Text { text } => match parse::command(text) {
            Some(c) => (c.name, c.args),
            None => return Ok(Outcome::default()),
        },
        InputKind::Callback { .. } => {
            return Ok(Outcome {
                replies: vec![],
                callback_answer: Some(t(locale, "bot-group-no-buttons")),
            });
        }
        InputKind::RemovedFromGroup => {
            removed(conn, input, now).await?;
            return Ok(Outcome::default());
        }
        InputKind::GroupMoved {
            from_chat_id,
            to_chat_id,
        } => {
            moved(conn, input, *from_chat_id, *to_chat_id, now).await?;
            return Ok(Outcome::default());
        }
        _ => return Ok(Outcome::default()),
    };
    let transport = input.transport.code();
    let text = match name.as_str() {
        "bind" => bind(conn, input, &args, locale, now).await?,
        "help" | "start" => match departments::of_group(conn, transport, input.chat_id).await? {
            Some(d) => tr(
                locale,
                "bot-group-help-bound",
                Args::new().str("department", d.name),
            ),
            None => t(locale, "bot-group-help"),
        },
        _ => t(locale, "bot-group-only-bind"),
    };
    Ok(Outcome {
        replies: vec![Reply::text(text)],
        callback_answer: None,
    })
}

async fn bind(
    conn: &mut PgConnection,
    input: &Input,
    code: &str,
    locale: &str,
    now: DateTime<Utc>,
) -> Result<String, EngineError> {
    if code.trim().is_empty() {
        return Ok(t(locale, "bot-group-bind-usage"));
    }
    let transport = input.transport.code();
    // Who asks comes first: a stranger learns nothing about the code, and it stays unused.
    let Some(people::Speaker { person, .. }) =
        people::by_account(conn, transport, input.user_id).await?
    else {
        return Ok(t(locale, "bot-group-bind-stranger"));
    };
    let mut tx = crate::store::savepoint(conn).await?;
    let target = match invites::redeem(&mut tx, code, input.chat_id, now).await {
        Ok(target) => target,
        Err(InviteError::Store(e)) => return Err(e.into()),
        Err(
            InviteError::Unknown | InviteError::Used | InviteError::Expired | InviteError::Revoked,
        ) => {
            tx.rollback().await?;
            return Ok(t(locale, "bot-invite-invalid"));
        }
    };
    let InviteTarget::Department(department_id) = target else {
        // A person's code binds their own account: leave it unused for them.
        tx.rollback().await?;
        return Ok(t(locale, "bot-invite-for-person"));
    };
    let Some(department) = departments::by_id(&mut tx, department_id).await? else {
        tx.rollback().await?;
        return Ok(t(locale, "bot-invite-invalid"));
    };
    let is_head = department.head_id == Some(person.id);
    if !is_head && !departments::is_officer_of(&mut tx, person.id, department_id).await? {
        tx.rollback().await?;
        return Ok(tr(
            locale,
            "bot-group-bind-not-officer",
            Args::new().str("department", &department.name),
        ));
    }
    if let Some(bound) = group_chats::bound(&mut tx, transport, input.chat_id).await? {
        // The code stays unused either way: it may bind another group.
        tx.rollback().await?;
        let key = if bound.department_id == department_id {
            "bot-group-already-bound"
        } else {
            "bot-group-bound-elsewhere"
        };
        return Ok(tr(
            locale,
            key,
            Args::new()
                .str("department", &bound.department_name)
                .str("chat", bound.chat_id.to_string()),
        ));
    }
    departments::bind_group(&mut tx, transport, input.chat_id, department_id, None, now).await?;
    audit::record(
        &mut tx,
        Source::Chat {
            person_id: person.id,
            transport,
        },
        "group bind",
        &input.chat_id.to_string(),
        &format!("bound to {}", department.name),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(tr(
        locale,
        "bot-group-bound",
        Args::new().str("department", department.name),
    ))
}

/// The bot was removed from the group: its binding ends (nothing more is sent there).
async fn removed(
    conn: &mut PgConnection,
    input: &Input,
    now: DateTime<Utc>,
) -> Result<(), EngineError> {
    let transport = input.transport.code();
    let reason = "the bot was removed from the group";
    for ended in group_chats::end_chat(conn, Some(transport), input.chat_id, reason, now).await? {
        audit::record(
            conn,
            Source::Transport(transport),
            "group removed",
            &ended.chat_id.to_string(),
            &format!(
                "binding to department {} ({}) ended: {reason} (by user {})",
                ended.department_code, ended.department_name, input.user_id
            ),
            now,
        )
        .await?;
        tracing::info!(
            chat_id = ended.chat_id,
            department = %ended.department_code,
            "the bot was removed from a bound group; its binding ended"
        );
    }
    Ok(())
}

/// The group became another chat: its binding follows it.
async fn moved(
    conn: &mut PgConnection,
    input: &Input,
    from: i64,
    to: i64,
    now: DateTime<Utc>,
) -> Result<(), EngineError> {
    let transport = input.transport.code();
    if let Some(binding) = group_chats::move_chat(conn, transport, from, to).await? {
        audit::record(
            conn,
            Source::Transport(transport),
            "group moved",
            &from.to_string(),
            &format!(
                "the group became chat {to}; its binding to department {} ({}) follows it",
                binding.department_code, binding.department_name
            ),
            now,
        )
        .await?;
    }
    Ok(())
}
