"""SQLAlchemy only: models, engine and session factory, migrations, maintenance."""
