# telegram adapter messages

# Sent once when a chat sends more messages than the bot keeps waiting: $count were skipped.
telegram-too-many-messages = Too many messages arrived at once: the first ones are being handled, the last { $count } were not processed. Please wait for the answers, then send again what is still needed.
