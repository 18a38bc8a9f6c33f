# Scheduled reminders, the three-colour escalation, weekly summaries and delivery failures.

colour-blue = blue
colour-yellow = yellow
colour-red = red

sched-undispatched = not dispatched
sched-no-deadline = no deadline
sched-none = none
sched-more = … and { $count } more

sched-case =
    Case <b>{ $number }</b> · { $enterprise }
    Department: { $department }
    Deadline: { $deadline } ({ $left })

sched-sign-for =
    ⏰ <b>Please sign for this case</b>
    { $case }
    It was dispatched { $days } working days ago and has not been signed for. Please sign for it, or return it with a reason if it is not your department's.
sched-sign-for-head =
    📣 <b>Not signed for</b>
    This case was dispatched to your department { $days } working days ago and nobody has signed for it. Please see that it is taken up:
    { $case }
sched-deadline-before =
    ⏳ <b>Deadline reminder</b>
    { $case }
    Please resolve it on time and report progress.
sched-deadline-today =
    ⏳ <b>Due today</b>
    { $case }
    Please resolve it today, or report progress and when it will be done.
sched-deadline-overdue =
    ❗ <b>Overdue</b>
    { $case }
    Please press on, and report progress and when it will be done.
sched-escalation-yellow =
    🟨 <b>{ $colour } card</b>: a case of your department is overdue. Please see to it.
    { $case }
sched-escalation-red =
    🟥 <b>{ $colour } card</b>: a case is overdue by more than { $days } working days.
    { $case }
sched-milestone =
    🗺 <b>Roadmap step reminder</b>
    Case <b>{ $number }</b> · { $enterprise }
    { $steps }
sched-milestone-step = · { $title }: { $due } ({ $left })
sched-confirm =
    ✅ <b>Please confirm the result with the enterprise</b>
    { $case }
    The department resolved it on { $resolved }; { $days } working days on, it is not confirmed. Please check with the enterprise and record its satisfaction.
sched-visit =
    🚶 <b>Visit reminder</b>
    These enterprises have not been visited for more than { $days } days:
    { $list }
    Please keep in regular contact and record each visit (a visit with no problems is a zero report).
sched-visit-line = · { $enterprise }: { $last }
sched-visit-never = never visited
sched-visit-last = last visited { $date }

sched-digest-department =
    📋 <b>Overdue cases of { $department }</b> ({ $count })
    { $list }
sched-digest-county =
    🟥 <b>Red-card cases</b> ({ $count })
    { $list }
sched-case-line = · <b>{ $number }</b> { $enterprise } · { $department } · { $left }
sched-case-line-colour = · <b>{ $number }</b> { $enterprise } · { $department } · { $left } · { $colour }

sched-digest =
    📋 <b>Reminder digest</b> ({ $count } items, worst first)
    { $counts }
    { $list }
sched-digest-count = · { $kind }: { $count }
sched-digest-browse = 🚨 All escalated cases
sched-digest-line = · { $kind } <b>{ $number }</b> { $enterprise } · { $department } · { $left }
sched-digest-kind-escalation_red = red card
sched-digest-kind-sign_for_escalation = not signed for
sched-digest-kind-escalation_yellow = yellow card
sched-digest-kind-deadline_overdue = overdue
sched-digest-kind-sign_for_reminder = to sign for
sched-digest-kind-deadline_today = due today
sched-digest-kind-confirm_reminder = to confirm
sched-digest-kind-milestone_reminder = roadmap step
sched-digest-kind-deadline_reminder = deadline near

sched-weekly-cadre =
    📊 <b>Your enterprises last week</b> ({ $from } to { $to })
    { $enterprises } enterprises paired with you.
    { $figures }
    { $list }
sched-weekly-department =
    📊 <b>{ $department } last week</b> ({ $from } to { $to })
    { $figures }
    { $due_week } due this week.
    { $list }
sched-weekly-county =
    📊 <b>County weekly summary</b>
    { $summary }
sched-weekly-figures =
    { $new } new, { $resolved } resolved, { $closed } closed; on time { $on_time }, satisfied { $satisfaction }.
    As of { $today }: { $open } open, { $unsigned } of them not signed for, { $overdue } overdue.
sched-weekly-open-cases = Open cases:
sched-weekly-overdue-cases = Overdue cases:
sched-weekly-due-cases = Due this week:
sched-weekly-unsigned-cases = Waiting to be signed for:

sched-unreachable-person =
    ⚠️ <b>Messages cannot be delivered</b>
    { $name } ({ $department }) does not receive the bot's messages: { $reason }
    Please call them ({ $phone }) and ask them to open the chat with the bot again. Until then their reminders are not retried.
sched-unreachable-group =
    ⚠️ <b>Group chat unreachable</b>
    The group chat "{ $title }" of { $department } does not receive the bot's messages: { $reason }
    Please check that the bot is still in the group, and bind the group again if needed.
sched-no-phone = no phone on file
sched-no-department = no department
