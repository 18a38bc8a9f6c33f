# 服务方式：帮办 / 陪办 / 代办
modes-mode-help = 帮办
modes-mode-accompany = 陪办
modes-mode-handle = 代办
modes-mode-none = 未标记

event-service_mode_set = 标记服务方式
event-accompanied = 陪办
event-document_received = 收取代办材料
event-document_returned = 退还代办材料

modes-op-menu = 🤝 服务方式
modes-op-accompany = 🚶 记录陪办
modes-op-receive = 📥 收取材料
modes-op-return = ↩️ 退还：{ $name }
modes-op-clear = ✖ 取消标记

modes-menu = { $number } 服务方式：{ $mode }。可标记为帮办、陪办或代办（陪办记录陪同的日期和地点，代办记录收取和退还的材料）：
modes-set = 已将 { $number } 标记为“{ $mode }”。
modes-cleared = 已取消 { $number } 的服务方式标记。
modes-ask-day = { $number } 陪办是哪天？也可以直接输入日期（如 11月25日）。
modes-day-future = 陪办日期不能是将来的日子（{ $date }），只能是 { $from } 至 { $to } 之间，请重新输入或点按钮。
modes-day-too-old = { $date } 太早了：陪办日期只能是 { $from } 至 { $to } 之间（今天或之前 { $days } 天内），请重新输入或点按钮。
modes-day-unreadable = 没看懂日期“{ $text }”。请输入如 11月25日、2026-11-25 或“昨天”，或点按钮。
modes-ask-place = 请输入 { $date } 陪同企业前往办理的地点（如“县政务服务中心”）。
modes-accompanied = 已记录 { $number } 的陪办：{ $date }，{ $place }。
modes-ask-document = 请输入从企业收取的 { $number } 代办材料名称（如“营业执照副本原件”）。办结答复前须全部退还企业。
modes-received = 已记录 { $number } 收取材料“{ $name }”，办结答复前须退还企业。
modes-returned = 已记录 { $number } 退还材料“{ $name }”。
modes-unchanged = 该事项已是这一服务方式，未作改动。
modes-not-in-mode = 该事项未标记为“{ $mode }”，请先在“🤝 服务方式”中标记。
modes-no-document = 没有找到这份材料。
modes-already-returned = 这份材料已经退还，未作改动。
modes-resolve-documents-out = 还有 { $count } 份代办材料未退还企业：{ $documents }。请先退还（🤝 服务方式 → ↩️ 退还），再办结答复。
modes-resolve-blocked = 还有代办材料未退还企业，暂不能办结答复。
modes-document-separator = 、

modes-card-mode = 服务方式：{ $mode }
modes-card-accompanied = 🚶 陪办：{ $date } · { $place }（{ $officer }）
modes-card-documents = 代办材料：
modes-card-document-out = · ☐ { $name }（{ $received } { $receiver } 收取，未退还）
modes-card-document-returned = · ☑ { $name }（{ $received } 收取，{ $returned } { $returner } 已退还）
modes-list-tag = {" "}［{ $mode }］

modes-summary-line = 服务方式：帮办 { $help } · 陪办 { $accompany } · 代办 { $handle }
modes-summary-documents-out = （其中 { $out } 件有材料未退还）

modes-col-service-mode = 服务方式
modes-sheet-documents = 代办材料
modes-col-document = 材料名称
modes-col-received-at = 收取时间
modes-col-received-by = 收取人
modes-col-returned-at = 退还时间
modes-col-returned-by = 退还人

modes-notify-set-help = 🤝 { $actor } 将 { $number } 标记为“帮办”：协助企业办理。
modes-notify-set-accompany = 🤝 { $actor } 将 { $number } 标记为“陪办”：陪同企业办理。
modes-notify-set-handle = 🤝 { $actor } 将 { $number } 标记为“代办”：代企业办理，收取的材料办结前退还。
modes-notify-cleared = 🤝 { $actor } 取消了 { $number } 的服务方式标记。
modes-notify-accompanied = 🚶 { $actor } 于 { $date } 陪同企业前往 { $place } 办理 { $number }。
modes-notify-received = 📥 { $actor } 为办理 { $number } 收取了企业的材料“{ $name }”，办结前将退还。
modes-notify-returned = ↩️ { $actor } 已将 { $number } 的材料“{ $name }”退还企业。
