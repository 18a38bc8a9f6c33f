# telegram adapter messages

# Sent once when a chat sends more messages than the bot keeps waiting: $count were skipped.
telegram-too-many-messages = 消息太多，前面的正在处理，最后 { $count } 条未被处理。请等待回复后，再重新发送仍需办理的内容。
