//! The generator's cases: a plan per case (enterprise, category, target status, times), then
//! each step taken through `store::cases`, as the bot would.

use crate::store::PgConnection;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::Rng;

use super::county::{County, HISTORY_DAYS, pick, weighted};
use super::data::*;
use super::{DISPATCHER, DemoError};
use crate::domain::{Action, Actor, CaseStatus, Category, Difficulty, Satisfaction};
use crate::store::cases::{self, NewCase};
use crate::store::roster;

const CASES: usize = 240;

/// One step of a case's life, at its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    RequestInfo,
    SupplyInfo,
    /// To the department that handles the category, or (`misroute`) to another one.
    Dispatch {
        misroute: bool,
    },
    Accept,
    Return,
    Milestone,
    Progress,
    Resolve,
    Confirm(Satisfaction),
    Supervise,
}

/// A case on its way through its steps: who reported it, and who handles it once dispatched.
struct CaseRun {
    category: Category,
    difficulty: Difficulty,
    cadre: Actor,
    officer: Option<Actor>,
    deadline: Option<NaiveDate>,
}

struct CasePlan {
    enterprise: usize,
    category: Category,
    difficulty: Difficulty,
    reported_at: DateTime<Utc>,
    steps: Vec<(Step, DateTime<Utc>)>,
}

impl County<'_> {
    fn plan(&mut self, index: usize) -> CasePlan {
        use CaseStatus::*;
        let enterprise = self.rng.random_range(0..self.enterprises.len());
        let category = if self.enterprises[enterprise].is_project {
            weighted(
                &mut self.rng,
                &[
                    (Category::KeyProject, 5),
                    (Category::Construction, 2),
                    (Category::Transport, 1),
                    (Category::Finance, 1),
                ],
            )
        } else {
            weighted(
                &mut self.rng,
                &[
                    (Category::KeyProject, 4),
                    (Category::Industry, 18),
                    (Category::Commerce, 12),
                    (Category::Construction, 8),
                    (Category::Tourism, 8),
                    (Category::Technology, 8),
                    (Category::Transport, 10),
                    (Category::Culture, 5),
                    (Category::Finance, 17),
                ],
            )
        };
        let difficulty = weighted(
            &mut self.rng,
            &[
                (Difficulty::Simple, 30),
                (Difficulty::Moderate, 40),
                (Difficulty::Hard, 20),
                (Difficulty::Major, 10),
            ],
        );
        // The first cases cover every status, recently; the rest spread over the history.
        let (age_hours, target) = if index < CaseStatus::ALL.len() {
            (self.rng.random_range(30..72), CaseStatus::ALL[index])
        } else {
            let age = self.rng.random_range(2..HISTORY_DAYS * 24);
            let target = if age < 72 {
                weighted(
                    &mut self.rng,
                    &[
                        (Reported, 35),
                        (InfoRequested, 10),
                        (Dispatched, 30),
                        (Accepted, 15),
                        (Returned, 10),
                    ],
                )
            } else if age < 24 * 14 {
                weighted(
                    &mut self.rng,
                    &[
                        (Reported, 3),
                        (InfoRequested, 4),
                        (Dispatched, 8),
                        (Accepted, 12),
                        (InProgress, 30),
                        (Resolved, 15),
                        (Closed, 20),
                        (Returned, 8),
                    ],
                )
            } else {
                weighted(
                    &mut self.rng,
                    &[
                        (Dispatched, 1),
                        (Accepted, 2),
                        (InProgress, 12),
                        (Resolved, 3),
                        (Closed, 80),
                        (Returned, 1),
                    ],
                )
            };
            (age, target)
        };
        let steps = self.steps(target, difficulty);
        // Lay the steps out in time from the report on, in office hours.
        let mut at = self.office_hours(self.now - Duration::hours(age_hours));
        let reported_at = at;
        let mut timed = Vec::new();
        for step in steps {
            let hours = match step {
                Step::RequestInfo => self.rng.random_range(1..20),
                Step::SupplyInfo => self.rng.random_range(2..40),
                Step::Dispatch { .. } => self.rng.random_range(1..24),
                Step::Accept => self.rng.random_range(1..20),
                Step::Return => self.rng.random_range(2..30),
                Step::Milestone => self.rng.random_range(1..8),
                Step::Progress => self.rng.random_range(20..110),
                Step::Resolve => self.rng.random_range(20..100),
                Step::Confirm(_) => self.rng.random_range(4..60),
                Step::Supervise => self.rng.random_range(24..120),
            };
            at = self.office_hours(at + Duration::hours(hours));
            timed.push((step, at));
        }
        // A life too long for the time since the report starts earlier, by whole days.
        let latest = self.now - Duration::minutes(10);
        if let Some((_, last)) = timed.last()
            && *last > latest
        {
            let days = (*last - latest).num_hours() / 24 + 1;
            let shift = Duration::days(days);
            for (_, t) in &mut timed {
                *t -= shift;
            }
            return CasePlan {
                enterprise,
                category,
                difficulty,
                reported_at: reported_at - shift,
                steps: timed,
            };
        }
        CasePlan {
            enterprise,
            category,
            difficulty,
            reported_at,
            steps: timed,
        }
    }

    /// The steps that take a new case to `target`.
    fn steps(&mut self, target: CaseStatus, difficulty: Difficulty) -> Vec<Step> {
        use CaseStatus::*;
        let mut steps = Vec::new();
        if target == InfoRequested {
            steps.push(Step::RequestInfo);
            return steps;
        }
        if self.rng.random_bool(0.12) {
            steps.extend([Step::RequestInfo, Step::SupplyInfo]);
        }
        if target == Reported {
            return steps;
        }
        if target == Returned || self.rng.random_bool(0.08) {
            steps.push(Step::Dispatch { misroute: true });
            if self.rng.random_bool(0.5) {
                steps.push(Step::Accept);
            }
            steps.push(Step::Return);
            if target == Returned {
                return steps;
            }
        }
        steps.push(Step::Dispatch { misroute: false });
        if target == Dispatched {
            return steps;
        }
        steps.push(Step::Accept);
        if matches!(difficulty, Difficulty::Hard | Difficulty::Major) {
            for _ in 0..self.rng.random_range(1..=3) {
                steps.push(Step::Milestone);
            }
        }
        if target == Accepted {
            return steps;
        }
        for _ in 0..self.rng.random_range(1..=3) {
            steps.push(Step::Progress);
        }
        if target == InProgress {
            if self.rng.random_bool(0.3) {
                steps.push(Step::Supervise);
            }
            return steps;
        }
        steps.push(Step::Resolve);
        if target == Resolved {
            return steps;
        }
        if self.rng.random_bool(0.1) {
            steps.extend([
                Step::Confirm(Satisfaction::Unsatisfied),
                Step::Progress,
                Step::Resolve,
            ]);
        }
        let satisfaction = if self.rng.random_bool(0.8) {
            Satisfaction::Satisfied
        } else {
            Satisfaction::BasicallySatisfied
        };
        steps.push(Step::Confirm(satisfaction));
        steps
    }

    fn route(&self, category: Category) -> &'static str {
        DEPARTMENTS
            .iter()
            .find(|d| d.categories.contains(&category))
            .map_or("fgj", |d| d.code)
    }

    pub(super) async fn cases(&mut self, conn: &mut PgConnection) -> Result<(), DemoError> {
        let mut plans: Vec<CasePlan> = (0..CASES).map(|i| self.plan(i)).collect();
        plans.sort_by_key(|p| p.reported_at);
        let prefix = self.settings.case_prefix.clone();
        let dispatcher = self.person(DISPATCHER)?.actor.clone();
        let mut ids = Vec::new();
        for (index, plan) in plans.into_iter().enumerate() {
            let enterprise = &self.enterprises[plan.enterprise];
            let enterprise_id = enterprise.id;
            let cadre = self
                .person(&format!("cadre{:02}", enterprise.cadre))?
                .actor
                .clone();
            let description = pick(&mut self.rng, descriptions(plan.category)).to_string();
            let new = NewCase {
                enterprise_id,
                category: plan.category,
                difficulty: plan.difficulty,
                description,
            };
            let year = plan.reported_at.with_timezone(&self.tz).year();
            let case = cases::report(conn, &prefix, &cadre, &new, plan.reported_at, year)
                .await
                .map_err(|source| DemoError::Case {
                    case: format!("plan {index}"),
                    step: "Report".to_string(),
                    source,
                })?;
            ids.push(case.id);
            let mut run = CaseRun {
                category: plan.category,
                difficulty: plan.difficulty,
                cadre,
                officer: None,
                deadline: None,
            };
            for (step, at) in plan.steps {
                let (actor, action) = self.step(&mut run, &dispatcher, step, at)?;
                cases::act(conn, case.id, &actor, &action, at)
                    .await
                    .map_err(|source| DemoError::Case {
                        case: case.number.clone(),
                        step: format!("{step:?}"),
                        source,
                    })?;
            }
        }
        roster::mark_cases_demo(conn, &ids).await?;
        Ok(())
    }

    /// Who takes `step` of a case at `at`, and what they do.
    fn step(
        &mut self,
        run: &mut CaseRun,
        dispatcher: &Actor,
        step: Step,
        at: DateTime<Utc>,
    ) -> Result<(Actor, Action), DemoError> {
        Ok(match step {
            Step::RequestInfo => (
                dispatcher.clone(),
                Action::RequestInfo {
                    note: pick(&mut self.rng, &INFO_REQUESTS).to_string(),
                },
            ),
            Step::SupplyInfo => (
                run.cadre.clone(),
                Action::SupplyInfo {
                    note: pick(&mut self.rng, &INFO_SUPPLIES).to_string(),
                },
            ),
            Step::Dispatch { misroute } => {
                let right = self.route(run.category);
                let code = if misroute {
                    let others: Vec<&'static str> = DEPARTMENTS
                        .iter()
                        .map(|d| d.code)
                        .filter(|c| *c != right)
                        .collect();
                    *pick(&mut self.rng, &others)
                } else {
                    right
                };
                let department = self
                    .departments
                    .get(code)
                    .ok_or_else(|| DemoError::Missing(format!("department {code}")))?;
                let department_id = department.id;
                let assignee = *pick(&mut self.rng, &department.officers);
                let days = self.settings.limits.days_for(run.difficulty);
                let due = self.calendar.add_working_days(self.local_date(at), days);
                run.deadline = Some(due);
                run.officer = self
                    .people
                    .values()
                    .find(|p| p.id == assignee)
                    .map(|p| p.actor.clone());
                (
                    dispatcher.clone(),
                    Action::Dispatch {
                        department_id,
                        assignee_id: Some(assignee),
                        deadline: due,
                    },
                )
            }
            Step::Accept => (
                run.officer
                    .clone()
                    .ok_or_else(|| before_dispatch("accept"))?,
                Action::Accept,
            ),
            Step::Return => (
                run.officer
                    .clone()
                    .ok_or_else(|| before_dispatch("return"))?,
                Action::Return {
                    reason: pick(&mut self.rng, &RETURN_REASONS).to_string(),
                },
            ),
            Step::Milestone => {
                let today = self.local_date(at);
                let until = run.deadline.unwrap_or(today);
                let span = (until - today).num_days().max(1);
                let due = today + Duration::days(self.rng.random_range(1..=span));
                (
                    run.officer
                        .clone()
                        .ok_or_else(|| before_dispatch("milestone"))?,
                    Action::AddMilestone {
                        title: pick(&mut self.rng, &MILESTONES).to_string(),
                        due_on: due,
                    },
                )
            }
            Step::Progress => (
                run.officer
                    .clone()
                    .ok_or_else(|| before_dispatch("progress"))?,
                Action::Progress {
                    note: pick(&mut self.rng, &PROGRESS_NOTES).to_string(),
                },
            ),
            Step::Resolve => (
                run.officer
                    .clone()
                    .ok_or_else(|| before_dispatch("resolve"))?,
                Action::Resolve {
                    answer: pick(&mut self.rng, answers(run.category)).to_string(),
                },
            ),
            Step::Confirm(satisfaction) => {
                let note = match satisfaction {
                    Satisfaction::Unsatisfied => pick(&mut self.rng, &UNSATISFIED_REASONS),
                    _ => pick(&mut self.rng, &CONFIRM_NOTES),
                };
                (
                    run.cadre.clone(),
                    Action::Confirm {
                        satisfaction,
                        note: Some(note.to_string()),
                        deadline: None,
                    },
                )
            }
            Step::Supervise => {
                let leader = format!("leader{}", self.rng.random_range(1..=3));
                (
                    self.person(&leader)?.actor.clone(),
                    Action::Supervise {
                        note: Some(pick(&mut self.rng, &SUPERVISION_NOTES).to_string()),
                    },
                )
            }
        })
    }
}

/// A step that needs the case's officer came before the case was dispatched.
fn before_dispatch(step: &str) -> DemoError {
    DemoError::Missing(format!("officer: {step} before dispatch"))
}
