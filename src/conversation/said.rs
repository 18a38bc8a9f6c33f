//! A command said in words, without its slash, as people write to a bot they think of as a
//! person: in an idle chat, a message that is a command's name or word (`汇总`, `走访`,
//! `help`), a period's command's word with the period before or after it (`本月汇总`,
//! `上周的情况`, `考核 上月`), or a case's number (`ZZ-2026-0031`, `zg-2026-0002`); in any
//! chat, a cancel word (`取消`, `退出`) alone.
//! Only commands the person may use are found; anything else is what it was (a cadre's
//! problem report, the idle hint, the flow's answer).
//!
//! ```text
//! 张梦琪:  本月汇总
//! bot:     📊 助企工作汇总 … 本月：2026-12-01 至 2026-12-31 …
//! ```

use super::menus;
use super::state::State;
use super::turn::Turn;
use crate::domain::commands::Command;
use crate::reports::PeriodSpec;

/// Longer than this, a message is never taken for a command.
const MAX_CHARS: usize = 24;

/// The command, and its words, that a plain message says.
pub(crate) fn command_in(turn: &Turn<'_>, text: &str) -> Option<(Command, String)> {
    let said: String = text
        .trim()
        .trim_end_matches(['？', '?', '。', '.', '！', '!'])
        .trim()
        .to_lowercase();
    if said.is_empty() || said.chars().count() > MAX_CHARS {
        return None;
    }
    let who = menus::who(turn);
    let allowed = || Command::all().filter(|c| c.allows(&who));
    let named = |c: &Command| names(*c).any(|w| w == said);
    if turn.state != State::Idle {
        return allowed()
            .filter(|c| *c == Command::Cancel)
            .find(named)
            .map(|c| (c, String::new()));
    }
    if let Some(c) = allowed().find(named) {
        return Some((c, String::new()));
    }
    if is_number(&said) && allowed().any(|c| c == Command::Case) {
        return Some((Command::Case, said.to_uppercase()));
    }
    let today = turn.today();
    allowed()
        .filter(|c| takes_period(*c))
        .find_map(|c| with_period(c, &said, today).map(|period| (c, period)))
}

/// A command the person may use whose name or word (two characters at least) the message
/// holds among other words (`我想看一下汇总`): what an idle message that is nothing else most
/// likely asked for.
pub(crate) fn mentioned(turn: &Turn<'_>, text: &str) -> Option<Command> {
    let text = text.to_lowercase();
    let who = menus::who(turn);
    Command::all()
        .filter(|c| c.allows(&who) && *c != Command::Cancel)
        .find(|c| names(*c).any(|w| w.chars().count() >= 2 && holds_word(&text, &w)))
}

/// A command's name and the words people call it by.
fn names(c: Command) -> impl Iterator<Item = String> {
    std::iter::once(c.name().to_string()).chain(c.words())
}

/// Whether `text` holds `word`: anywhere for Chinese, as a whole word for English (`find` is
/// not in `finding`).
fn holds_word(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return text.contains(word);
    }
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .any(|w| w == word)
}

/// Whether the text is a case's or a rectification item's number: letters, the year, the
/// count (`zz-2026-0031`).
fn is_number(said: &str) -> bool {
    let parts: Vec<&str> = said.split('-').collect();
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    matches!(parts.as_slice(), [prefix, year, count]
        if (1..=8).contains(&prefix.len())
            && prefix.bytes().all(|b| b.is_ascii_alphabetic())
            && digits(year, 4..=4)
            && digits(count, 1..=6))
}

/// Commands whose words are a period (`/summary 上月`).
fn takes_period(c: Command) -> bool {
    matches!(
        c,
        Command::Summary | Command::Assess | Command::Export | Command::Team
    )
}

/// The period said with the command's name or word, before it or after it.
fn with_period(c: Command, said: &str, today: chrono::NaiveDate) -> Option<String> {
    names(c)
        .filter_map(|word| {
            let rest = said
                .strip_suffix(word.as_str())
                .or_else(|| said.strip_prefix(word.as_str()))?;
            let rest = rest.trim().trim_end_matches('的').trim();
            (!rest.is_empty() && PeriodSpec::read_on(rest, today).is_ok()).then(|| rest.to_string())
        })
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_are_held_whole_and_chinese_ones_anywhere() {
        assert!(holds_word("我想看一下汇总情况", "汇总"));
        assert!(holds_word("where are my tasks?", "tasks"));
        assert!(!holds_word("finding the permits office", "find"));
        assert!(holds_word("please find ZZ-2026-0001", "find"));
    }

    #[test]
    fn numbers_are_letters_a_year_and_a_count() {
        for number in ["zz-2026-0031", "zg-2026-2", "dc-2026-000123"] {
            assert!(is_number(number), "{number}");
        }
        for other in [
            "zz-26-0031",
            "2026-0031",
            "zz-2026-",
            "zz-2026-0031-1",
            "走访-2026-1",
            "",
        ] {
            assert!(!is_number(other), "{other}");
        }
    }
}
