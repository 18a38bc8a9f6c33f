# Service modes: help / accompany / handle on the enterprise's behalf
modes-mode-help = Help (帮办)
modes-mode-accompany = Accompany (陪办)
modes-mode-handle = Handle for them (代办)
modes-mode-none = not marked

event-service_mode_set = Service mode set
event-accompanied = Accompanied the enterprise
event-document_received = Document received
event-document_returned = Document returned

modes-op-menu = 🤝 Service mode
modes-op-accompany = 🚶 Log accompaniment
modes-op-receive = 📥 Document received
modes-op-return = ↩️ Returned: { $name }
modes-op-clear = ✖ Clear the mode

modes-menu = { $number } service mode: { $mode }. Mark it help, accompany or handle (accompany records the days and places you went with the enterprise; handle records the documents received and returned):
modes-set = { $number } is marked “{ $mode }”.
modes-cleared = { $number } has no service mode any more.
modes-ask-day = Which day did you accompany the enterprise for { $number }? You can also type a date (e.g. 2026-11-25).
modes-day-future = An accompaniment cannot be in the future ({ $date }); it must be between { $from } and { $to }. Type another day or press a button.
modes-day-too-old = { $date } is too early: an accompaniment must be between { $from } and { $to } (today or the { $days } days before). Type another day or press a button.
modes-day-unreadable = I could not read the date “{ $text }”. Type e.g. 2026-11-25 or “yesterday”, or press a button.
modes-ask-place = Where did you go with the enterprise on { $date }? (e.g. “county government service centre”)
modes-accompanied = Accompaniment of { $number } recorded: { $date }, { $place }.
modes-ask-document = Type the name of the document received from the enterprise for { $number } (e.g. “original business licence”). Every document must be returned before the case is resolved.
modes-received = Document “{ $name }” received for { $number }; it must be returned before the case is resolved.
modes-returned = Document “{ $name }” of { $number } returned to the enterprise.
modes-unchanged = The case is already in that service mode; nothing changed.
modes-not-in-mode = The case is not marked “{ $mode }”; mark it first under “🤝 Service mode”.
modes-no-document = That document was not found.
modes-already-returned = That document was already returned; nothing changed.
modes-resolve-documents-out = { $count ->
    [one] One document received from the enterprise has
   *[other] { $count } documents received from the enterprise have
} not been returned: { $documents }. Return them first (🤝 Service mode → ↩️ Returned), then resolve.
modes-resolve-blocked = Documents are still out with the department: the case cannot be resolved yet.
modes-document-separator = {", "}

modes-card-mode = Service mode: { $mode }
modes-card-accompanied = 🚶 Accompanied: { $date } · { $place } ({ $officer })
modes-card-documents = Documents held (代办):
modes-card-document-out = · ☐ { $name } (received { $received } by { $receiver }, not returned)
modes-card-document-returned = · ☑ { $name } (received { $received }, returned { $returned } by { $returner })
modes-list-tag = {" "}[{ $mode }]

modes-summary-line = Service modes: help { $help } · accompany { $accompany } · handle { $handle }
modes-summary-documents-out = (documents still out in { $out })

modes-col-service-mode = Service mode
modes-sheet-documents = Documents (代办)
modes-col-document = Document
modes-col-received-at = Received
modes-col-received-by = Received by
modes-col-returned-at = Returned
modes-col-returned-by = Returned by

modes-notify-set-help = 🤝 { $actor } marked { $number } “help”: the department helps the enterprise through the procedure.
modes-notify-set-accompany = 🤝 { $actor } marked { $number } “accompany”: the department goes with the enterprise.
modes-notify-set-handle = 🤝 { $actor } marked { $number } “handle”: the department handles it for the enterprise and returns its documents before resolving.
modes-notify-cleared = 🤝 { $actor } took the service mode off { $number }.
modes-notify-accompanied = 🚶 { $actor } went with the enterprise to { $place } on { $date } for { $number }.
modes-notify-received = 📥 { $actor } received the enterprise's document “{ $name }” for { $number }; it will be returned before the case is resolved.
modes-notify-returned = ↩️ { $actor } returned the document “{ $name }” of { $number } to the enterprise.
