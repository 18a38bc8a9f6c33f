//! `zhuqi invite PERSON [--days N]` or `zhuqi invite --department CODE [--days N]`: prints a
//! single-use code to bind a messenger account or a department's group chat.

use super::{Setup, print_lines, refuse};
use crate::i18n::{Args, html_to_text, tr};
use crate::roster::{InviteCliError, InviteFor, invite_lines, make_invite};

pub async fn invite(
    setup: Setup,
    person: Option<String>,
    department: Option<String>,
    days: Option<u32>,
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
    let mut conn = pool.acquire().await?;
    let days = days.unwrap_or(settings.invite_ttl_days);
    match make_invite(&mut conn, &target, days, setup.clock.now()).await {
        Ok(made) => {
            print_lines(invite_lines(settings, &locale, &made));
            Ok(())
        }
        Err(InviteCliError::Store(e)) => Err(anyhow::Error::new(e).context(html_to_text(&tr(
            &locale,
            "error-internal",
            Args::new(),
        )))),
        Err(e) => anyhow::bail!(html_to_text(&e.message(&locale))),
    }
}
