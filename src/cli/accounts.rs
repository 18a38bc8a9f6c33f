//! `zhuqi accounts list [PERSON]` (a table: person, transport, user id, username, bound at,
//! last used) and `zhuqi accounts unbind PERSON [--account ID]`: the person's accounts (or the
//! one named) stop speaking for them from the very next update; each unbinding is recorded in
//! the audit log.

use chrono::{DateTime, Utc};

use super::{AccountsAction, Setup, print_lines, refuse};
use crate::config::Settings;
use crate::conversation::withdraw;
use crate::i18n::{Args, escape_html, t, tr};
use crate::store::accounts::{self, AccountRow};
use crate::store::audit::Source;
use crate::store::{PgConnection, people};

pub async fn accounts(setup: Setup, action: AccountsAction) -> anyhow::Result<()> {
    let locale = setup.settings.default_locale.clone();
    let pool = crate::app::open(&setup.settings).await?;
    let mut tx = pool.begin().await?;
    let lines = match action {
        AccountsAction::List { person } => {
            let person_id = match person {
                Some(key) => Some(find(&mut tx, &locale, &key).await?.id),
                None => None,
            };
            let rows = accounts::list(&mut tx, person_id).await?;
            table(&setup.settings, &locale, &rows)
        }
        AccountsAction::Unbind { person, account } => {
            let person = find(&mut tx, &locale, &person).await?;
            let now = setup.clock.now();
            let args = || {
                Args::new()
                    .str("name", &person.name)
                    .str("code", &person.code)
            };
            let unbound =
                withdraw::unbind(&mut tx, &person, account, Source::CommandLine, now).await?;
            if unbound.is_empty() {
                return Err(match account {
                    Some(id) => refuse(
                        &locale,
                        "cli-accounts-no-such-account",
                        args().num("account", id as f64),
                    ),
                    None => refuse(&locale, "cli-accounts-nothing-to-unbind", args()),
                });
            }
            let mut lines = vec![tr(
                &locale,
                "cli-accounts-unbound",
                args().num("count", unbound.len() as f64),
            )];
            for a in &unbound {
                lines.push(tr(
                    &locale,
                    "cli-accounts-unbound-line",
                    Args::new()
                        .num("account", a.id as f64)
                        .str("transport", &a.transport)
                        .str("user", a.user_id.to_string())
                        .str("username", a.username.as_deref().unwrap_or("-")),
                ));
            }
            lines
        }
    };
    tx.commit().await?;
    print_lines(lines);
    Ok(())
}

async fn find(conn: &mut PgConnection, locale: &str, key: &str) -> anyhow::Result<people::Person> {
    people::by_code_or_id(conn, key).await?.ok_or_else(|| {
        refuse(
            locale,
            "cli-invite-unknown-person",
            Args::new().str("person", key.trim()),
        )
    })
}

/// The accounts as a table with aligned columns (escaped for `print_lines`).
fn table(settings: &Settings, locale: &str, rows: &[AccountRow]) -> Vec<String> {
    if rows.is_empty() {
        return vec![t(locale, "cli-accounts-none")];
    }
    let when = |at: Option<DateTime<Utc>>| {
        at.map(|at| {
            at.with_timezone(&settings.timezone)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|| "-".into())
    };
    let header: Vec<String> = [
        "cli-accounts-col-id",
        "cli-accounts-col-person",
        "cli-accounts-col-transport",
        "cli-accounts-col-user",
        "cli-accounts-col-username",
        "cli-accounts-col-bound",
        "cli-accounts-col-used",
    ]
    .iter()
    .map(|k| t(locale, k))
    .collect();
    let mut cells: Vec<Vec<String>> = vec![header];
    for r in rows {
        let mut person = format!("{} ({})", r.person_name, r.person_code);
        if !r.person_active {
            person.push_str(&t(locale, "cli-accounts-inactive-mark"));
        }
        cells.push(vec![
            r.id.to_string(),
            person,
            r.transport.clone(),
            r.user_id.to_string(),
            r.username.clone().unwrap_or_else(|| "-".into()),
            when(Some(r.bound_at)),
            when(r.last_used_at),
        ]);
    }
    let widths: Vec<usize> = (0..cells[0].len())
        .map(|i| cells.iter().map(|row| width(&row[i])).max().unwrap_or(0))
        .collect();
    cells
        .iter()
        .map(|row| {
            let line: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - width(cell))))
                .collect();
            escape_html(line.join("  ").trim_end())
        })
        .collect()
}

/// Columns a cell takes on a terminal: CJK characters take two.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}
