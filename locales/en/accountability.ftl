# Accountability (问责): the measures the rules propose and the leaders decide; no one drops
# out (不断线): cadres who went silent; good practice (总结推广): typical cases.

## Commands
bot-cmd-measures = Proposed measures (leaders)
bot-cmd-cases_of_note = Typical cases
menus-help-measures = /measures proposed accountability measures waiting for a decision: confirm each, change it to another measure, or dismiss it with a reason
menus-help-cases_of_note = /cases_of_note typical cases (good practice); a leader marks a closed case or a key project (its unit's code) with /cases_of_note NUMBER what worked

## Measures and rules
acc-measure-reminder-talk = reminder talk
acc-measure-interview = interview
acc-measure-circular = circular
acc-measure-accountability = accountability proposal
acc-rule-red-card = red card overdue
acc-rule-score = assessment rank
acc-rule-silence = no visits
acc-rule-returns = repeated returns
acc-state-proposed = waiting
acc-state-confirmed = confirmed
acc-state-dismissed = dismissed

## Evidence
acc-evidence-red-card = { $number } ({ $enterprise }) was due { $deadline } and is { $days } working days overdue, a red card still open
acc-evidence-score = { $department } scored below { $below } or came last { $months } months running (scores: { $scores })
acc-evidence-silence = { $cadre } has logged no visit, zero report or case for { $days } days, since { $since }
acc-evidence-returns = { $department } returned { $count } cases in the last { $days } days

## A measure as shown
acc-nobody = (nobody named)
acc-subject-in = { $person } ({ $department })
acc-line = #{ $id } <b>{ $measure }</b> · { $subject }: { $evidence }
acc-status-proposed = Waiting for a leader's decision
acc-status-confirmed = Confirmed by { $by } on { $at }
acc-status-dismissed = Dismissed by { $by } on { $at }, because: { $reason }
acc-card =
    ⚖️ <b>Proposed measure</b>
    { $line }
    Proposed: { $proposed }
    { $status }
acc-assess-title = ⚖️ <b>Accountability</b> ({ $count } measures confirmed in the period):

## The daily digest to the leaders
acc-proposed-head = ⚖️ <b>{ $count } proposed measures to decide</b> (the person and their unit's head hear of one only once it is confirmed):
acc-open-button = Decide #{ $id } { $subject }
acc-more = { $count } more: see /measures.

## No one drops out
acc-silence-head = 🔕 <b>{ $count } helping cadres have logged no visit, zero report or case for { $days } days or more</b>; please follow up:
acc-silence-line = • { $cadre }: { $days } days, since { $since }

## A leader decides
acc-leaders-only = Only leaders decide accountability measures.
acc-none-pending = No proposed measures are waiting for a decision.
acc-pending-head = ⚖️ { $count } proposed measures waiting:
acc-not-found = That proposed measure cannot be found.
acc-confirm-button = ✅ Confirm: { $measure }
acc-change-button = Change to: { $measure }
acc-dismiss-button = ✖️ Dismiss
acc-dismiss-ask = Why is #{ $id } dismissed? Please type the reason:
acc-dismissed = #{ $id } dismissed; the reason is recorded and the person is not told.
acc-confirmed = #{ $id } confirmed as { $measure }; told: { $told }.
acc-decided-already = #{ $id } has already been decided: { $status }
acc-confirmed-notice =
    ⚖️ <b>Accountability measure</b>
    { $line }
    Confirmed by { $by }.

## Typical cases
acc-typical-button = 🌟 Mark as a typical case
acc-typical-title = 🌟 <b>Typical cases</b>
acc-typical-none = No typical cases yet.
acc-typical-line = • { $what } · { $enterprise } ({ $township }): { $note } ({ $by }, { $date })
acc-typical-line-unit = • { $what } ({ $township }): { $note } ({ $by }, { $date })
acc-typical-project = key project: { $project }
acc-typical-usage = To mark a typical case: /cases_of_note CASE-NUMBER-or-PROJECT-UNIT-CODE what worked, e.g. /cases_of_note 42 three departments met on site, closed in a week
acc-typical-leaders-only = Only leaders mark typical cases.
acc-typical-unknown = “{ $what }” is neither a case number nor a project unit's code.
acc-typical-ask = In a sentence or two, what worked in { $number }?
acc-typical-not-closed = { $number } is not closed yet; only a closed case can be a typical case.
acc-typical-marked = { $what } is now a typical case.
acc-typical-already = { $what } is already a typical case.

## The monthly summary
acc-monthly-title =
    📊 <b>County monthly summary ({ $month }/{ $year })</b>
    { $summary }
acc-monthly-no-typical = No typical cases were marked this month.

## Export: accountability records
acc-sheet = Accountability
acc-col-id = No.
acc-col-rule = Rule
acc-col-person = Person
acc-col-department = Unit
acc-col-case = Case
acc-col-measure = Measure
acc-col-evidence = Evidence
acc-col-status = Status
acc-col-proposed = Proposed
acc-col-decided = Decided
acc-col-reason = Reason dismissed
