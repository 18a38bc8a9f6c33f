//! `zhuqi invite PERSON [--days N] [--keep-old]` or `zhuqi invite --department CODE [--days N]`:
//! prints a single-use code to bind a messenger account or a department's group chat. A new
//! invite for a person revokes their older unused ones unless `--keep-old`.
//! `zhuqi invite revoke CODE`: an unused code stops working. Every change is audited.

use super::{Setup, print_lines, refuse};
use crate::i18n::{Args, html_to_text, plain, tr};
use crate::roster::{
    InviteCliError, InviteFor, Revoked, code_prefix, invite_lines, make_invite, record_made,
    revoke_invite, supersede_older,
};

pub async fn invite(
    setup: Setup,
    person: Option<String>,
    department: Option<String>,
    days: Option<u32>,
    keep_old: bool,
) -> anyhow::Result<()> {
    let settings = &setup.settings;
    let locale = settings.default_locale.clone();
    let target = match (person, department) {
        (_, Some(d)) => InviteFor::Department(d),
        (Some(p), None) => InviteFor::Person(p),
        (None, None) => {
            return Err(refuse(
                &locale,
                "cli-invite-unknown-person",
                Args::new().str("person", ""),
            ));
        }
    };
    let pool = crate::app::open(settings).await?;
    let mut tx = pool.begin().await?;
    let days = days.unwrap_or(settings.invite_ttl_days);
    let now = setup.clock.now();
    let made = match make_invite(&mut tx, &target, days, now).await {
        Ok(made) => made,
        Err(InviteCliError::Store(e)) => {
            let context = plain(&locale, "error-internal", Args::new());
            return Err(anyhow::Error::new(e).context(context));
        }
        Err(e) => anyhow::bail!(html_to_text(&e.message(&locale))),
    };
    record_made(&mut tx, &made, now).await?;
    let revoked = if keep_old {
        vec![]
    } else {
        supersede_older(&mut tx, &made, now).await?
    };
    tx.commit().await?;
    let mut lines = invite_lines(settings, &locale, &made);
    if !revoked.is_empty() {
        let codes: Vec<String> = revoked.iter().map(|c| code_prefix(c)).collect();
        lines.push(tr(
            &locale,
            "cli-invite-superseded",
            Args::new()
                .num("count", revoked.len() as f64)
                .str("codes", codes.join(", ")),
        ));
    }
    print_lines(lines);
    Ok(())
}

pub async fn revoke(setup: Setup, code: &str) -> anyhow::Result<()> {
    let locale = setup.settings.default_locale.clone();
    let pool = crate::app::open(&setup.settings).await?;
    let mut tx = pool.begin().await?;
    let shown = code.trim();
    let outcome = revoke_invite(&mut tx, code, setup.clock.now()).await?;
    tx.commit().await?;
    match outcome {
        Revoked::Now { target_code } => {
            print_lines([tr(
                &locale,
                "cli-invite-revoked",
                Args::new().str("code", shown).str("target", target_code),
            )]);
            Ok(())
        }
        Revoked::Used => Err(refuse(
            &locale,
            "cli-invite-revoke-used",
            Args::new().str("code", shown),
        )),
        Revoked::Already => Err(refuse(
            &locale,
            "cli-invite-revoke-already",
            Args::new().str("code", shown),
        )),
        Revoked::Unknown => Err(refuse(
            &locale,
            "cli-invite-revoke-unknown",
            Args::new().str("code", shown),
        )),
    }
}
