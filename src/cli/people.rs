//! `zhuqi people deactivate PERSON [--reason TEXT]` and `zhuqi people activate PERSON`: take a
//! person's access away (their accounts speak for no one, queued notices to them are cancelled,
//! unused invites revoked, the campaign office told their open work) or give it back. Each
//! prints what it changed and is recorded in the audit log.

use super::{PeopleAction, Setup, print_lines, refuse};
use crate::conversation::withdraw;
use crate::i18n::{Args, tr};
use crate::store::audit::Source;
use crate::store::people;

pub async fn people(setup: Setup, action: PeopleAction) -> anyhow::Result<()> {
    let locale = setup.settings.default_locale.clone();
    let key = match &action {
        PeopleAction::Deactivate { person, .. } | PeopleAction::Activate { person } => {
            person.clone()
        }
    };
    let pool = crate::app::open(&setup.settings).await?;
    let mut tx = pool.begin().await?;
    let Some(person) = people::by_code_or_id(&mut tx, &key).await? else {
        return Err(refuse(
            &locale,
            "cli-invite-unknown-person",
            Args::new().str("person", key.trim()),
        ));
    };
    let now = setup.clock.now();
    let args = || {
        Args::new()
            .str("name", &person.name)
            .str("code", &person.code)
    };
    let line = match action {
        PeopleAction::Deactivate { reason, .. } => {
            match withdraw::deactivate(
                &mut tx,
                &person,
                reason.as_deref(),
                Source::CommandLine,
                now,
            )
            .await?
            {
                Some(done) => tr(
                    &locale,
                    "cli-people-deactivated",
                    args()
                        .num("notices", done.notices_cancelled as f64)
                        .num("invites", done.invites_revoked as f64)
                        .num("accounts", done.accounts as f64),
                ),
                None => tr(&locale, "cli-people-already-inactive", args()),
            }
        }
        PeopleAction::Activate { .. } => {
            if withdraw::activate(&mut tx, &person, Source::CommandLine, now).await? {
                tr(&locale, "cli-people-activated", args())
            } else {
                tr(&locale, "cli-people-already-active", args())
            }
        }
    };
    tx.commit().await?;
    print_lines([line]);
    Ok(())
}
