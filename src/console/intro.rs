//! What the console says first on demo data: who to try it as, one person per role.

use crate::store::PgPool;

use super::ConsoleError;
use crate::domain::Role;
use crate::i18n::{Args, t, tr};
use crate::store;

/// The introduction's lines (Telegram HTML) and the person to start as.
pub struct DemoIntro {
    pub lines: Vec<String>,
    /// The first person found (a cadre when there is one); `None` on an empty roster.
    pub start: Option<String>,
}

/// Finds a cadre, a dispatcher, an officer and a leader to try the console as.
pub async fn demo_intro(pool: &PgPool, locale: &str) -> Result<DemoIntro, ConsoleError> {
    let mut conn = pool.acquire().await?;
    let personas = store::console::personas(&mut conn, 20).await?;
    drop(conn);
    let mut lines = vec![t(locale, "console-demo-intro")];
    let mut start = None;
    for role in [
        Role::Cadre,
        Role::Dispatcher,
        Role::Officer,
        Role::Leader,
        Role::Township,
    ] {
        if let Some(p) = personas
            .iter()
            .find(|p| p.roles.iter().any(|r| r == role.code()))
        {
            start.get_or_insert_with(|| p.code.clone());
            lines.push(tr(
                locale,
                "console-demo-role",
                Args::new()
                    .str("role", t(locale, &format!("role-{}", role.code())))
                    .str("name", &p.name)
                    .str("code", &p.code),
            ));
        }
    }
    Ok(DemoIntro { lines, start })
}
