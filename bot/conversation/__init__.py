"""What to answer: one dialogue turn (dialogue), who handles a topic here (routing: topic + place +
context rules -> agency), and the wording for each channel (render).

May import: bot.settings, bot.directory, bot.understanding. Must not import privacy, analytics,
channels, web, runtime or measurement. The rules themselves are data: bot/directory/topics.yml.
"""
