# Shared terms: categories, difficulty, statuses, roles, satisfaction, common errors.
test-echo = echo: { $text }

category-key_project = Key project
category-industry = Industry
category-commerce = Commerce and trade
category-construction = Construction
category-tourism = Tourism
category-technology = Science and technology
category-transport = Transport
category-culture = Culture
category-finance = Finance

difficulty-simple = Simple
difficulty-moderate = Moderate
difficulty-hard = Hard
difficulty-major = Major

status-reported = Awaiting dispatch
status-info_requested = More detail requested
status-dispatched = Dispatched, awaiting sign-for
status-accepted = Signed for
status-in_progress = In progress
status-resolved = Resolved, awaiting confirmation
status-closed = Closed
status-returned = Returned, awaiting re-dispatch

role-cadre = Helping cadre
role-officer = Department officer
role-dispatcher = Campaign office
role-leader = Leader
role-admin = Administrator

satisfaction-satisfied = Satisfied
satisfaction-basically_satisfied = Basically satisfied
satisfaction-unsatisfied = Unsatisfied

event-reported = Reported
event-info_requested = More detail requested
event-info_supplied = Detail supplied
event-dispatched = Dispatched
event-accepted = Signed for
event-returned = Returned
event-progress = Progress
event-resolved = Resolved
event-closed = Confirmed and closed
event-reopened = Unsatisfied, reopened
event-supervised = Supervision order
event-note = Note
event-milestone_added = Roadmap step
event-milestone_done = Roadmap step done
event-attachment = Attachment
event-reminder = Reminder

error-role-not-allowed = Your role does not allow this.
error-out-of-scope = This is outside your responsibilities.
error-wrong-status = The case is “{ $status }” now; this cannot be done.
error-note-required = Please write the reason or the details.
error-internal = Sorry, something went wrong and it has been logged. Please try again later.
error-db-unavailable = The database cannot be reached right now: your message was NOT saved. Please send it again in a few minutes.

calendar-days-left = { $days ->
    [0] due today
    [one] 1 working day left
   *[other] { $days } working days left
}
calendar-days-overdue = { $days ->
    [one] overdue by 1 working day
   *[other] overdue by { $days } working days
}

cli-migrated = The database is up to date ({ $count } migrations applied).
