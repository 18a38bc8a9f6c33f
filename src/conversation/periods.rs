//! Periods typed after a report command (`/summary last-month`, `/assess 本月`,
//! `/team 2026-11-01..2026-11-15`), and how a report that could not be made is answered.
//! Shared by the report commands; a period that cannot be read is explained with examples.

use chrono::NaiveDate;

use super::engine::EngineError;
use super::turn::Turn;
use crate::i18n::Args;
use crate::message::Reply;
use crate::reports::{self, PeriodError, PeriodSpec, ReportError};

/// Reads a period as typed after a command: empty for `default`, the reports' own codes
/// (`last-month`, `2026-11-01..2026-11-15`), the names in the locale files (本周, 上月), and
/// ranges written with the locale files' words for "to" or `~`.
pub(crate) fn parse_period(
    args: &str,
    default: PeriodSpec,
    today: NaiveDate,
) -> Result<PeriodSpec, PeriodError> {
    if args.trim().is_empty() {
        return Ok(default);
    }
    PeriodSpec::read_on(args, today)
}

/// The localized answer to a period that could not be read, with examples for `command`.
fn period_help(turn: &Turn<'_>, args: &str, error: &PeriodError, command: &str) -> String {
    let reason = match error {
        PeriodError::Unknown => turn.tr("bot-period-unknown", Args::new().str("text", args.trim())),
        PeriodError::Backwards => turn.t("bot-period-backwards"),
        PeriodError::TooLong => turn.tr(
            "bot-period-too-long",
            Args::new().num("days", reports::period::MAX_RANGE_DAYS as f64),
        ),
    };
    let examples = turn.tr("bot-period-examples", Args::new().str("command", command));
    format!("{reason}\n{examples}")
}

/// Tells the person a report could not be made. Database failures go up (the transaction is
/// gone with them); the rest are logged and answered with the report's own message.
pub(crate) fn failed(turn: &mut Turn<'_>, e: ReportError) -> Result<(), EngineError> {
    match e {
        ReportError::Db(e) => Err(e.into()),
        e => {
            tracing::error!(error = %e, person = turn.person.id, "a report could not be made");
            let text = e.user_message(turn.locale);
            turn.push(Reply::text(text));
            Ok(())
        }
    }
}

/// The period typed after a command (`default` when none); a period that cannot be read is
/// explained to the person, with the command's usage, and gives `None`.
pub(crate) fn period_or_help(
    turn: &mut Turn<'_>,
    args: &str,
    default: PeriodSpec,
    command: &str,
) -> Option<PeriodSpec> {
    match parse_period(args, default, turn.today()) {
        Ok(period) => Some(period),
        Err(e) => {
            let text = period_help(turn, args, &e, command);
            turn.push(Reply::text(text));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    #[test]
    fn periods_are_read_in_codes_chinese_names_and_ranges() {
        let week = PeriodSpec::ThisWeek;
        assert_eq!(parse_period("", week, today()), Ok(week));
        assert_eq!(
            parse_period(" ", PeriodSpec::ThisMonth, today()),
            Ok(PeriodSpec::ThisMonth)
        );
        assert_eq!(
            parse_period("上月", week, today()),
            Ok(PeriodSpec::LastMonth)
        );
        assert_eq!(
            parse_period("last-week", week, today()),
            Ok(PeriodSpec::LastWeek)
        );
        assert_eq!(
            parse_period("This Month", week, today()),
            Ok(PeriodSpec::ThisMonth)
        );
        assert_eq!(
            parse_period("这周", week, today()),
            Ok(PeriodSpec::ThisWeek)
        );
        let range = Ok(PeriodSpec::Range {
            from: "2026-11-01".parse().unwrap(),
            to: "2026-11-15".parse().unwrap(),
        });
        for typed in [
            "2026-11-01..2026-11-15",
            "2026-11-01 至 2026-11-15",
            "2026-11-01~2026-11-15",
            "2026-11-01 到 2026-11-15",
            "2026-11-01 to 2026-11-15",
        ] {
            assert_eq!(parse_period(typed, week, today()), range, "{typed}");
        }
        assert_eq!(
            parse_period("昨天", week, today()),
            Err(PeriodError::Unknown)
        );
        assert_eq!(
            parse_period("2026-11-15..2026-11-01", week, today()),
            Err(PeriodError::Backwards)
        );
    }

    proptest! {
        #[test]
        fn any_typed_period_is_read_or_refused_without_panicking(s in "\\PC{0,40}") {
            let _ = parse_period(&s, PeriodSpec::ThisWeek, today());
        }
    }
}
