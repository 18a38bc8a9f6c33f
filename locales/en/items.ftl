# Approval items (the catalogue, 权力运行图): search, linking a case, step escalation, import.

## Commands
bot-cmd-items = Approval items: what they need, how long
menus-help-items = /items words search the approval items: documents needed, time limits, steps and who handles each (the one-time notice)

## Search
items-kind-administrative = Administrative approval
items-kind-social = Social approval
items-line = { $n }. { $name } ({ $code }) · { $place } · promised { $promised } working days (statutory { $statutory })
items-title = Approval items for “{ $words }”: { $total } (page { $page }/{ $pages })
items-title-all = The catalogue of approval items: { $total } (page { $page }/{ $pages }). Send /items words to search.
items-not-found = No approval item matches “{ $words }”. Try other words: the item's name, its code or the department.
items-catalogue-empty = The catalogue of approval items is empty (an admin imports it with zhuqi import approval-items).
items-previous = ◀ Previous
items-next = Next ▶
items-gone = This approval item is no longer in the catalogue.
items-none-given = not given
items-detail-title = 📋 <b>{ $name }</b> ({ $code }) · { $kind } · { $place }
items-detail-basis = Legal basis: { $basis }
items-detail-materials = Documents needed: { $materials }
items-detail-limits = Time limit: promised { $promised } working days (statutory { $statutory } working days)
items-detail-steps = Steps:
items-detail-step = { $n }. { $step } · { $days } working days · { $who }
items-step-nobody = nobody named

## Linking a case
items-op-link = 📋 Approval item
items-link-menu = Choose the approval item of { $number } (those its description suggests come first):
items-link-menu-none = Nothing in the catalogue matches { $number }'s description or department; press “🔎 Search by words” to look an item up by name, code or department:
items-link-current = Linked now: { $name } ({ $code }). Choosing another replaces the steps not done with the new item's.
items-link-search = 🔎 Search by words
items-link-ask-words = Type words to find the approval item of { $number } (name, code or department; send /cancel to give up).
items-link-none = No approval item matches “{ $words }”; please try other words (send /cancel to give up).
items-link-found = { $total } approval items found for { $number } ({ $shown } listed); choose one:
items-linked = { $number } now concerns the approval item “{ $name }”: its { $steps } steps are on the roadmap, the last due { $last }.
items-notify-linked = 📋 { $actor } linked { $number } to the approval item “{ $name }”: its { $steps } steps are on the roadmap, the last due { $last }.
items-link-same = The case is already linked to this approval item.
items-card-line = 📋 Approval item: { $name } ({ $code }) · promised { $promised } working days
items-proposal = 📋 Suggested approval item: { $name }
event-item_linked = linked to an approval item

## Step escalation
items-sched-step-yellow =
    🟡 <b>Roadmap step overdue (yellow card)</b>
    Case <b>{ $number }</b> · { $enterprise }
    { $steps }
items-sched-step-red =
    🔴 <b>Roadmap step long overdue (red card)</b>
    Case <b>{ $number }</b> · { $enterprise }
    { $steps }

## Import
import-kind-approval-items = Approval items
items-import-done = Approval items imported: { $rows } rows ({ $items } items), { $inserted } new, { $updated } updated, { $unchanged } unchanged.
items-error-bad-days = “{ $column }” must be a number of working days from 1 to 500, not “{ $value }”
items-error-promised-over-statutory = the promised limit of { $promised } working days is longer than the statutory { $statutory }
items-error-steps-over-promised = the steps add up to { $total } working days, more than the promised { $promised }
items-error-item-differs = “{ $column }” differs from the item's line { $first } (the rows of one item must agree, or leave it empty)

## Assessment and ledger
items-assess-items = <b>On-time steps by approval item</b>
items-assess-sections = <b>On-time steps by section</b>
items-assess-line = { $name } ({ $department }): { $on_time }/{ $counted } on time, { $rate }
items-assess-none = No approval step fell due or was done in the period.
export-sheet-approval-steps = Approval steps
export-sheet-approval-rates = Approval on-time
export-col-item = Approval item
export-col-item-code = Item code
export-col-step = Step
export-col-section = Section
export-col-step-person = Responsible
export-col-step-due = Due
export-col-step-done = Done
export-col-step-state = Step state
export-col-steps-counted = Steps due
export-col-steps-on-time = On time
export-col-kind = Kind
items-step-state-on-time = done on time
items-step-state-late = done late
items-step-state-overdue = overdue
items-step-state-pending = in progress
items-rate-item = Approval item
items-rate-section = Section
