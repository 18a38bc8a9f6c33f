//! The monthly county summary (`schedule.monthly_summary`): the leaders get the month before's
//! figures, the typical cases (典型案例) marked in it and the measures (问责) confirmed in it.

use chrono::{DateTime, Datelike, Days, Months, Utc};

use super::SchedulerError;
use super::directory::Directory;
use super::jobs::Tick;
use crate::domain::NoticeKind as Kind;
use crate::i18n::{Args, t, tr};
use crate::reports::{self, Filter, PeriodSpec, Scope, measures as render};
use crate::store::{measures, typical};

/// Typical cases and measures named in the summary (the rest are counted).
const NAMED: usize = 20;

/// Sends the summary of the calendar month before the one `instant` falls in.
pub async fn monthly_summary(
    tick: &mut Tick<'_>,
    instant: DateTime<Utc>,
) -> Result<(), SchedulerError> {
    let dir = Directory::load(tick.conn, tick.settings).await?;
    let leaders = dir.leaders();
    if leaders.is_empty() {
        return Ok(());
    }
    let day = tick.local_date(instant);
    let this_month = day.with_day(1).unwrap_or(day);
    let from = this_month
        .checked_sub_months(Months::new(1))
        .unwrap_or(this_month);
    let to = this_month.checked_sub_days(Days::new(1)).unwrap_or(from);
    let report = tick.report(Scope::County, PeriodSpec::Range { from, to });
    let s = reports::summary_for(tick.conn, &report, Filter::default()).await?;
    let window = (tick.start_of(from), tick.start_of(this_month));
    let typical = typical::list(tick.conn, Some(window), NAMED as i64 + 1).await?;
    let confirmed = measures::confirmed_between(tick.conn, window.0, window.1).await?;
    tick.notify(Kind::MonthlyCounty, &leaders, None, instant, false, |l| {
        let mut out = vec![tr(
            l,
            "acc-monthly-title",
            Args::new()
                .str("year", from.year().to_string())
                .num("month", f64::from(from.month()))
                .html("summary", reports::render_summary(l, &s)),
        )];
        out.push(String::new());
        if typical.is_empty() {
            out.push(t(l, "acc-monthly-no-typical"));
        } else {
            out.push(t(l, "acc-typical-title"));
            out.extend(
                typical
                    .iter()
                    .take(NAMED)
                    .map(|r| render::typical_line(l, r)),
            );
        }
        out.extend(render::assessment_section(l, &confirmed, NAMED));
        out.join("\n")
    })
    .await
}
