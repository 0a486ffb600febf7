"""The demo edition of the fair (`manage.py load_demo_fair`).

`data` holds the tables (zones, sectors, exhibitors, products, the programme, the
halls), written in our own words and flagged as sample data; `builder` writes them
idempotently for one year's edition; `logos` draws the placeholder logos with Pillow.
"""
