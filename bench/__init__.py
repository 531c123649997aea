"""The benchmark behind ``make bench`` and ``make bench-http`` (``manage.py bench``).

* ``data``: the data sets: the demo (x1) and a generated partnership of any scale (x50 is about
  6 plans, 150 strategies, 2,500 measures, 30,000 returns and 500 users);
* ``database``: a fresh database for a run (a temporary SQLite file, or ``<name>_bench`` on
  PostgreSQL), created and dropped around it;
* ``pages``: the page table (one line per page) and the rows each page is pointed at;
* ``timing``: times each page in-process with Django's test client, counts its SQL queries and
  checks the budgets;
* ``http``: gunicorn and wrk over loopback for the login page and Plan on a Page.
"""
