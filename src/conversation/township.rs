//! A township person (乡镇负责人 / 联络员, 块) follows the cases of the enterprises in their
//! township: `/township` lists the open ones, each card opens read-only with a note button, and
//! `/summary` counts their township. Cases of another township read as not found.
//!
//! ```text
//! 马镇长:  /township
//! bot:     马召镇 在办事项（2）：
//!          · ZZ-2026-0003 · 办理中 · 秦岭猕猴桃合作社 · … · 2026-12-04（剩余 3 个工作日）
//!          [ZZ-2026-0003] [ZZ-2026-0007]
//! 马镇长:  /case ZZ-2026-0009     (a case of another township)
//! bot:     没有找到该事项，或它不在您的职责范围内。
//! ```

use super::engine::EngineError;
use super::listing;
use super::turn::Turn;
use crate::i18n::Args;
use crate::store::groups::{Roster, name_of};
use crate::store::queues;

/// `/township`: the open cases of the person's township.
pub(crate) async fn command(turn: &mut Turn<'_>) -> Result<(), EngineError> {
    let Some(township) = turn.person.township_id else {
        turn.say("townships-no-township");
        return Ok(());
    };
    let name = name_of(turn.conn, Roster::Townships, township)
        .await?
        .unwrap_or_default();
    let listing = queues::of_township(turn.conn, township).await?;
    let title = ("townships-list-title", Args::new().str("township", name));
    listing::list(turn, listing, title, "townships-list-empty").await
}
