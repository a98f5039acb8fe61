# Django's Russian formats, with a two-digit hour ("09:30", as agendas print it) and the
# genitive month after a day ("12 октября"). Formats not set here come from Django's module.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y г., H:i"
MONTH_DAY_FORMAT = "j E"
