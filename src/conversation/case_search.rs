//! `/case WORDS`: the cases whose enterprise's name or description contains the words, among
//! those the person may see (the same rule as `/case NUMBER`), open ones first, each with a
//! button that opens its card.
//!
//! ```text
//! 县长:  /case 康德果业
//! bot:   含“康德果业”的事项（2）：
//!        · ZZ-2026-0045 · 办理中 · 康德果业有限公司 · 冷链物流车辆不足… 2026-12-09（剩余 5 个工作日）
//!        · ZZ-2026-0012 · 已办结 · 康德果业有限公司 · 申报省级技改补助…
//!        [ZZ-2026-0045] [ZZ-2026-0012]
//! ```

use super::access::{heads_case, sees};
use super::engine::EngineError;
use super::listing;
use super::menus;
use super::text;
use super::turn::Turn;
use crate::i18n::Args;
use crate::store::queues::{self, LIST_LIMIT, Listing};

/// How many matching cases are looked at for someone who sees only some cases.
const SCANNED: i64 = 1_000;

/// Searches the cases the person may see.
pub(crate) async fn command(turn: &mut Turn<'_>, words: &str) -> Result<(), EngineError> {
    let words = text::excerpt(words.trim(), 40);
    let everything = turn.person.roles.sees_everything();
    let cap = if everything { LIST_LIMIT } else { SCANNED };
    let (found, matched) = queues::matching(turn.conn, &words, cap).await?;
    let (cases, total) = if everything {
        (found, matched)
    } else {
        let headed = menus::headed(turn).await?;
        let actor = turn.person.actor();
        let mine: Vec<_> = found
            .into_iter()
            .filter(|c| sees(&actor, c) || heads_case(&headed, c))
            .collect();
        let total = mine.len() as i64;
        (mine.into_iter().take(LIST_LIMIT as usize).collect(), total)
    };
    if cases.is_empty() {
        turn.say_args("bot-case-search-none", Args::new().str("words", &words));
        return Ok(());
    }
    let title = Args::new().str("words", &words);
    let listing = Listing { cases, total };
    listing::list(
        turn,
        listing,
        ("bot-case-search-title", title),
        "bot-case-search-none",
    )
    .await
}
