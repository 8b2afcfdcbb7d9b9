"""A role's place in the guide is now the article's lists it is in (0013 copied each
stage there), so the single stage field goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("careers", "0013_article_listings")]

    operations = [
        migrations.RemoveField(
            model_name="historicalrole",
            name="stage",
        ),
        migrations.RemoveField(
            model_name="role",
            name="stage",
        ),
    ]
