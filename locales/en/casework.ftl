# Corrections of a case: category/difficulty, extensions, deadline, roadmap steps, attachments.

## Events of the process record
event-reclassified = category/difficulty changed
event-extension_requested = extension asked for
event-extension_approved = extension approved
event-extension_refused = extension refused
event-deadline_changed = deadline changed
event-milestone_changed = roadmap step changed
event-milestone_removed = roadmap step removed

## The card
casework-card-extension-pending = ⏳ Extension waiting for approval: { $from } → { $to } ({ $requester }: { $reason })
casework-card-extension-approved = ⏩ Extended: { $from } → { $to } (asked by { $requester }, approved by { $decider })
casework-card-extension-refused = ✖️ Extension refused: asked until { $to } (asked by { $requester }, refused by { $decider }: { $note })
casework-card-extension-withdrawn = ↩️ Extension withdrawn: asked until { $to } (asked by { $requester }; the case left the department before a decision)
casework-card-event-files = { " " }📎{ $count }
casework-card-event-deadline = { " " }(deadline { $date })
casework-op-reclassify = 🏷 Category/difficulty
casework-op-extend = ⏳ Ask for an extension
casework-op-set-deadline = 📅 Change deadline
casework-op-roadmap = 🗓 Roadmap steps
casework-op-files = 📎 Files

## Category and difficulty (campaign office)
casework-reclassify-category = { $number } is now { $current }. Choose the new category:
casework-reclassify-difficulty = { $number } is now { $current }. Choose the difficulty:
casework-reclassify-deadline = The deadline of { $number } is { $date }. Should it follow the new difficulty?
casework-deadline-keep = Keep { $date }
casework-deadline-follow = Recompute from the difficulty: { $date }
casework-ask-reclassify-reason = Please give the reason for changing { $number } (send /cancel to give up).
casework-reclassified = { $number } is now { $what }; the deadline is unchanged.
casework-reclassified-deadline = { $number } is now { $what }; the deadline is now { $deadline }.
casework-notify-reclassified = 🏷 { $actor } changed { $number } to { $what }. Reason: { $reason }

## Deadline (campaign office)
casework-deadline-menu = The deadline of { $number } is { $date }. Choose the new deadline:
casework-deadline-set = The deadline of { $number } is now { $deadline }.
casework-notify-deadline-changed = 📅 { $actor } changed the deadline of { $number } to { $date }.
casework-notify-reopened-dispatcher = ⚠️ The enterprise is unsatisfied with { $number }; it is back with the department with a new deadline, { $deadline } (“Change deadline” adjusts it). Reason: { $reason }

## Extension
casework-ask-extension-date = The deadline of { $number } is { $date }. Type the date you ask for (a later working day), like 2026-12-25, or how many working days to add, like 10 working days (send /cancel to give up).
casework-extension-unreadable = I could not read that. Type the date, like 2026-12-25, or the working days to add, like 10 working days.
casework-ask-extension-reason = Please give the reason for extending { $number } to { $date } (another date instead changes the date; /cancel gives up).
casework-extension-not-later = The date must be after the deadline in force; please type another.
casework-extension-too-many-days = One extension adds at most { $most } working days (about a year). Type fewer days, or the date.
casework-extension-not-working-day = { $date } is not a working day; please type a working day.
casework-extension-pending = An extension request for this case is already waiting for a decision.
casework-extension-decided = This extension request has already been decided.
casework-extension-withdrawn = This extension request was withdrawn: the case was resolved or returned before a decision.
casework-extension-requested = Your request to extend { $number } to { $date } is waiting for approval.
casework-notify-extension-requested = ⏳ { $actor } asks to extend { $number } to { $date }. Reason: { $reason }
casework-extension-approve = ✅ Approve
casework-extension-refuse = ❌ Refuse
casework-ask-refusal-note = Please give the reason for refusing the extension of { $number }, or refuse without one.
casework-refuse-without-note = Refuse without a reason
casework-extension-approved = Extension of { $number } to { $date } approved.
casework-extension-refused = Extension of { $number } to { $date } refused.
casework-notify-extension-approved = ⏩ { $actor } approved the extension of { $number }: the deadline is now { $date }.
casework-notify-extension-refused = ✖️ { $actor } refused to extend { $number } to { $date }. Reason: { $note }

## Roadmap
casework-roadmap-menu = Roadmap of { $number } (steps not done):
casework-roadmap-empty = { $number } has no roadmap steps left to do.
casework-step-done-button = ✅ { $date } { $title }
casework-step-change-button = ✏️ Change
casework-step-remove-button = 🗑 Remove
casework-step-marked-done = Roadmap step “{ $title }” of { $number } marked done.
casework-step-removed = Roadmap step “{ $title }” of { $number } removed.
casework-ask-step-change = Send the new date and text of the step “{ $title }” ({ $date }) of { $number }, like “2026-12-08 site survey done”.
casework-step-changed = The roadmap step of { $number } is now: { $date } { $title }.
casework-step-gone = This roadmap step no longer exists (it may have been removed).
casework-step-already-done = This roadmap step is already done.

## Files
export-col-files = Files
casework-files-title = Files of { $number } ({ $count }):
casework-files-none = { $number } has no files.
casework-file-line = { $n }. { $kind } { $name } · { $time } { $who }
casework-files-elsewhere = { $count } more were sent through another channel and can only be listed here.
casework-file-kind-photo = Photo
casework-file-kind-document = Document
casework-file-kind-voice = Voice
casework-file-kind-location = Location

## The ledger's file copies and the export's zip
files-col-path = File
files-col-kind = Kind
files-col-name = Original name
files-col-sender = Sent by
files-col-time = Time
files-col-copy = Copy
files-copy-stored = Kept
files-copy-too-large = Over the size cap, not kept (only the messenger's reference)
files-copy-gone = No longer on the messenger, could not be kept
files-copy-pending = Not kept yet
files-copy-none = Nothing to keep
files-copy-missing = The kept copy is missing
export-files-done = Packed { $included } files (of { $listed } listed) into { $path }
