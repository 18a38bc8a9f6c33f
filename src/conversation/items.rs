//! `/items [words]`: the catalogue of approval items (审批事项) for anyone bound — what an item
//! needs, how long it takes, its steps and who handles each: the one-time notice (一次性告知)
//! an enterprise needs. Matches come a page at a time, each with a button that opens it.
//!
//! ```text
//! 王建国:  /items 规划许可
//! bot:     审批事项“规划许可”：共 1 项（第 1/1 页）
//!          1. 建设工程规划许可证核发（ZRJ-002）· 县自然资源局 规划科 · 承诺 10 个工作日（法定 20）
//!          [1. 建设工程规划许可证核发]
//! 王建国:  (presses 1. 建设工程规划许可证核发)
//! bot:     📋 建设工程规划许可证核发（ZRJ-002）· 行政审批 · 县自然资源局 规划科
//!          设定依据：《中华人民共和国城乡规划法》第四十条
//!          申请材料：建设工程规划许可申请表；设计方案总平面图；……
//!          时限：承诺 10 个工作日（法定 20 个工作日）
//!          办理环节：
//!          1. 受理 · 1 个工作日 · 规划科 周敏 029-8765 4301
//!          ……
//! ```

use super::engine::EngineError;
use super::item_text::{self, LABEL, words};
use super::state::Press;
use super::text;
use super::turn::{ButtonSpec, Turn};
use crate::i18n::Args;
use crate::message::Reply;
use crate::store::approval;

/// Items on one page.
pub(crate) const PAGE: i64 = 5;
/// `/items [words]`: the first page of matches (the one item, when only one matches).
pub(crate) async fn command(turn: &mut Turn<'_>, args: &str) -> Result<(), EngineError> {
    page(turn, words(args), 0, false).await
}

/// A page button (◀ ▶), which replaces the list pressed on.
pub(crate) async fn page_press(
    turn: &mut Turn<'_>,
    words: Vec<String>,
    page_no: u32,
) -> Result<(), EngineError> {
    page(turn, words, page_no, true).await
}

async fn page(
    turn: &mut Turn<'_>,
    words: Vec<String>,
    page_no: u32,
    edit: bool,
) -> Result<(), EngineError> {
    let shown = words.join(" ");
    let offset = i64::from(page_no) * PAGE;
    let (items, total) = approval::search(turn.conn, &words, offset, PAGE).await?;
    if total == 0 {
        let key = if words.is_empty() {
            "items-catalogue-empty"
        } else {
            "items-not-found"
        };
        turn.say_args(key, Args::new().str("words", shown));
        return Ok(());
    }
    if total == 1
        && page_no == 0
        && !edit
        && let Some(item) = items.first()
    {
        return show(turn, item.id).await;
    }
    let pages = (total + PAGE - 1) / PAGE;
    let (items, page_no, offset) = if items.is_empty() {
        // A page that no longer exists (the catalogue shrank): the last one.
        let last = pages - 1;
        let (items, _) = approval::search(turn.conn, &words, last * PAGE, PAGE).await?;
        (items, u32::try_from(last).unwrap_or(0), last * PAGE)
    } else {
        (items, page_no, offset)
    };
    let title_key = if words.is_empty() {
        "items-title-all"
    } else {
        "items-title"
    };
    let mut lines = vec![
        turn.tr(
            title_key,
            Args::new()
                .str("words", &shown)
                .num("total", total as f64)
                .num("page", (i64::from(page_no) + 1) as f64)
                .num("pages", pages as f64),
        ),
    ];
    let mut rows: Vec<Vec<ButtonSpec>> = vec![];
    for (i, item) in items.iter().enumerate() {
        let n = offset as usize + i + 1;
        lines.push(item_text::line(turn.locale, n, item));
        rows.push(vec![(
            format!("{n}. {}", text::excerpt(&item.name, LABEL)),
            Press::Item { item_id: item.id },
        )]);
    }
    let mut nav: Vec<ButtonSpec> = vec![];
    if page_no > 0 {
        nav.push((
            turn.t("items-previous"),
            Press::Items {
                words: words.clone(),
                page: page_no - 1,
            },
        ));
    }
    if i64::from(page_no) + 1 < pages {
        nav.push((
            turn.t("items-next"),
            Press::Items {
                words: words.clone(),
                page: page_no + 1,
            },
        ));
    }
    rows.push(nav);
    let buttons = turn.buttons(rows).await?;
    turn.push_page(Reply::text(lines.join("\n")).with_buttons(buttons), edit);
    Ok(())
}

/// One item in full.
pub(crate) async fn show(turn: &mut Turn<'_>, item_id: i64) -> Result<(), EngineError> {
    let Some(item) = approval::by_id(turn.conn, item_id).await? else {
        let text = turn.t("items-gone");
        turn.notice(text);
        return Ok(());
    };
    let steps = approval::steps(turn.conn, item.id).await?;
    let text = item_text::detail(turn.locale, &item, &steps);
    turn.push(Reply::text(text));
    Ok(())
}
