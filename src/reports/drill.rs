//! The summary's drill-down as data: where each option leads. Three paths go down from the
//! top: county → a category → a department → its cases; county → a township (以块为主) → its
//! enterprises' cases; county → a cadre → their enterprises' cases. The top offers the
//! categories and a switch to the townships or the cadres; every level offers the other
//! periods and the way up.

use super::figures::{Filter, GroupKey, Scope};
use super::period::PeriodSpec;
use super::render::{
    DRILL_OPTIONS, DrillOption, DrillTarget, DrillView, SummaryView, group_label, period_name,
    render_summary,
};
use super::{GroupRow, Summary};
use crate::i18n::t;

/// The summary text and its drill-down options, as the county → category path shows them.
pub fn summary_view(locale: &str, s: &Summary) -> SummaryView {
    summary_view_in(locale, s, DrillView::Summary)
}

/// The summary text and its drill-down options in `view`: `Townships` and `Cadres` offer an
/// option per township or cadre instead of the categories (`Cases` is shown as `Summary`).
pub fn summary_view_in(locale: &str, s: &Summary, view: DrillView) -> SummaryView {
    let view = match view {
        DrillView::Cases => DrillView::Summary,
        v => v,
    };
    let target = |filter: Filter, view: DrillView| DrillTarget {
        period: s.period.spec,
        filter,
        view,
    };
    // One option per group that leads somewhere, each to that group's summary.
    let down =
        |rows: &[GroupRow], filter: &dyn Fn(GroupKey) -> Option<Filter>| -> Vec<DrillOption> {
            options(locale, rows, filter)
                .into_iter()
                .map(|(label, filter)| DrillOption {
                    label,
                    target: target(filter, DrillView::Summary),
                })
                .collect()
        };
    let f = s.filter;
    let by_place = f.township_id.is_some() || f.cadre_id.is_some();
    let top = f.is_empty();
    let mut drill: Vec<Vec<DrillOption>> = vec![];
    let deeper: Vec<DrillOption> = if top && view == DrillView::Townships {
        down(&s.by_township, &|key| match key {
            GroupKey::Township(Some(id)) => Some(Filter {
                township_id: Some(id),
                ..f
            }),
            _ => None,
        })
    } else if top && view == DrillView::Cadres {
        down(&s.by_cadre, &|key| match key {
            GroupKey::Cadre(Some(id)) => Some(Filter {
                cadre_id: Some(id),
                ..f
            }),
            _ => None,
        })
    } else if by_place {
        vec![]
    } else if f.category.is_none() && f.department_id.is_none() {
        down(&s.by_category, &|key| match key {
            GroupKey::Category(c) => Some(Filter {
                category: Some(c),
                ..f
            }),
            _ => None,
        })
    } else if f.department_id.is_none() {
        down(&s.by_department, &|key| match key {
            GroupKey::Department(Some(d)) => Some(Filter {
                department_id: Some(d),
                ..f
            }),
            _ => None,
        })
    } else {
        vec![]
    };
    drill.extend(deeper.chunks(3).map(|c| c.to_vec()));
    if top {
        // The other ways down from the top: by category, by township, by cadre (not for a
        // cadre's own figures, which are theirs alone).
        let mut ways = vec![];
        let mut way = |key: &str, v: DrillView| {
            if v != view {
                ways.push(DrillOption {
                    label: t(locale, key),
                    target: target(f, v),
                });
            }
        };
        way("menus-drill-by-category", DrillView::Summary);
        way("menus-drill-by-township", DrillView::Townships);
        if !matches!(s.scope, Scope::Cadre(_)) {
            way("menus-drill-by-cadre", DrillView::Cadres);
        }
        drill.push(ways);
    }
    if !top || !s.totals.is_quiet() {
        drill.push(vec![DrillOption {
            label: t(locale, "report-drill-cases"),
            target: target(f, DrillView::Cases),
        }]);
    }
    let periods: Vec<DrillOption> = PeriodSpec::NAMED
        .into_iter()
        .filter(|p| *p != s.period.spec)
        .map(|p| DrillOption {
            label: period_name(locale, p),
            target: DrillTarget {
                period: p,
                filter: f,
                view,
            },
        })
        .collect();
    drill.extend(
        periods
            .chunks(PeriodSpec::PER_ROW)
            .map(<[DrillOption]>::to_vec),
    );
    let up = if f.township_id.is_some() {
        Some((
            Filter {
                township_id: None,
                ..f
            },
            DrillView::Townships,
        ))
    } else if f.cadre_id.is_some() {
        Some((
            Filter {
                cadre_id: None,
                ..f
            },
            DrillView::Cadres,
        ))
    } else if f.department_id.is_some() {
        Some((
            Filter {
                department_id: None,
                ..f
            },
            DrillView::Summary,
        ))
    } else if f.category.is_some() {
        Some((
            Filter {
                category: None,
                ..f
            },
            DrillView::Summary,
        ))
    } else {
        None
    };
    if let Some((filter, view)) = up {
        drill.push(vec![DrillOption {
            label: t(locale, "report-drill-up"),
            target: target(filter, view),
        }]);
    }
    SummaryView {
        text: render_summary(locale, s),
        drill,
    }
}

/// The first `DRILL_OPTIONS` groups that lead somewhere, with their labels.
fn options(
    locale: &str,
    rows: &[GroupRow],
    filter: impl Fn(GroupKey) -> Option<Filter>,
) -> Vec<(String, Filter)> {
    rows.iter()
        .filter_map(|r| filter(r.key).map(|f| (group_label(locale, r), f)))
        .take(DRILL_OPTIONS)
        .collect()
}
