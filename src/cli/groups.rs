//! `zhuqi groups list`: the bound group chats (department, chat id, title, bound at, reachable).
//! `zhuqi groups unbind CHAT|DEPARTMENT`: ends the binding of one group chat (its chat id) or of
//! every group of a department (its roster code), prints what changed, and records each ended
//! binding in the audit log. Nothing more is sent to an unbound group, including what was
//! already queued for it.

use clap::Subcommand;

use super::{Setup, print_lines, refuse};
use crate::i18n::{Args, tr};
use crate::store::audit::{self, Source};
use crate::store::group_chats::{self, GroupBinding};
use crate::store::roster;

#[derive(Debug, Clone, Subcommand)]
pub enum GroupsAction {
    /// List the bound group chats: department, chat id, title, when bound, whether reachable.
    List,
    /// End the binding of a group chat (its chat id, e.g. -1001234567890) or of every group
    /// of a department (its roster code).
    Unbind {
        #[arg(allow_negative_numbers = true, value_name = "CHAT|DEPARTMENT")]
        target: String,
    },
}

pub async fn groups(setup: Setup, action: GroupsAction) -> anyhow::Result<()> {
    let settings = &setup.settings;
    let locale = settings.default_locale.clone();
    let pool = crate::app::open(settings).await?;
    let tz = settings.timezone;
    let line = |g: &GroupBinding| {
        let title = g
            .title
            .clone()
            .unwrap_or_else(|| tr(&locale, "cli-groups-no-title", Args::new()));
        let reachable = if g.reachable {
            "cli-groups-reachable"
        } else {
            "cli-groups-unreachable"
        };
        tr(
            &locale,
            "cli-groups-line",
            Args::new()
                .str("department", &g.department_name)
                .str("department_code", &g.department_code)
                .str("chat", g.chat_id.to_string())
                .str("transport", &g.transport)
                .str("title", title)
                .str(
                    "bound",
                    g.bound_at
                        .with_timezone(&tz)
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                )
                .str("reachable", tr(&locale, reachable, Args::new())),
        )
    };
    match action {
        GroupsAction::List => {
            let mut conn = pool.acquire().await?;
            let groups = group_chats::list(&mut conn).await?;
            let mut lines = vec![tr(
                &locale,
                "cli-groups-count",
                Args::new().num("count", groups.len() as f64),
            )];
            lines.extend(groups.iter().map(line));
            print_lines(lines);
        }
        GroupsAction::Unbind { target } => {
            let target = target.trim().to_string();
            let now = setup.clock.now();
            let reason = format!("zhuqi groups unbind {target}");
            let mut tx = pool.begin().await?;
            let ended = match roster::department_id(&mut tx, &target).await? {
                Some(department_id) => {
                    group_chats::end_department(&mut tx, department_id, &reason, now).await?
                }
                None => match target.parse::<i64>() {
                    Ok(chat_id) => {
                        group_chats::end_chat(&mut tx, None, chat_id, &reason, now).await?
                    }
                    Err(_) => {
                        return Err(refuse(
                            &locale,
                            "cli-groups-unknown-target",
                            Args::new().str("target", &target),
                        ));
                    }
                },
            };
            for g in &ended {
                audit::record(
                    &mut tx,
                    Source::CommandLine,
                    "groups unbind",
                    &target,
                    &format!(
                        "{} chat {} ({}) unbound from department {} ({})",
                        g.transport,
                        g.chat_id,
                        g.title.as_deref().unwrap_or("-"),
                        g.department_code,
                        g.department_name
                    ),
                    now,
                )
                .await?;
            }
            tx.commit().await?;
            if ended.is_empty() {
                print_lines([tr(
                    &locale,
                    "cli-groups-nothing-bound",
                    Args::new().str("target", &target),
                )]);
            } else {
                let mut lines = vec![tr(
                    &locale,
                    "cli-groups-unbound",
                    Args::new().num("count", ended.len() as f64),
                )];
                lines.extend(ended.iter().map(line));
                print_lines(lines);
            }
        }
    }
    Ok(())
}
