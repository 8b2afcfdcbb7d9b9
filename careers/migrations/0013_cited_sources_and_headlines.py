"""Sources can be cited in another source (figures the careers article quotes from BLS,
NCES and NACE), and the article's headline content becomes curated records: the field's
salary range, the key things to know and graduates' quotes."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


# The bodies the seed's article quotes figures from; an installed guide has them already.
ARTICLE = "ml-careers-article-2026"
QUOTED_IN_ARTICLE = ["us-bls", "nace-2022", "nces"]


def cite_in_article(apps, schema_editor):
    """Mark the seed's second-hand sources as read in the article, where both exist and
    an editor has not already said otherwise."""
    Source = apps.get_model("careers", "Source")
    article = Source.objects.filter(slug=ARTICLE).first()
    if article is not None:
        Source.objects.filter(slug__in=QUOTED_IN_ARTICLE, cited_in__isnull=True).update(
            cited_in=article
        )


class Migration(migrations.Migration):

    dependencies = [
        ('careers', '0012_editors_import_official_wages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='FieldSalaryRange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80, unique=True)),
                ('statement', models.CharField(help_text='What the range covers, in our own words; it completes “$90,000 to well over $200,000 a year: …”, so start in lower case.', max_length=200)),
                ('low', models.PositiveIntegerField(verbose_name='from (US$ a year)')),
                ('low_qualifier', models.CharField(blank=True, choices=[('', '(as stated)'), ('about', 'about'), ('more-than', 'more than'), ('well-over', 'well over')], max_length=10, verbose_name='how the source hedges the lower figure')),
                ('high', models.PositiveIntegerField(verbose_name='to (US$ a year)')),
                ('high_qualifier', models.CharField(blank=True, choices=[('', '(as stated)'), ('about', 'about'), ('more-than', 'more than'), ('well-over', 'well over')], help_text='E.g. “well over” when the source says “to well over $200,000”.', max_length=10, verbose_name='how the source hedges the upper figure')),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first.')),
            ],
            options={
                'verbose_name': 'salary range for the field',
                'verbose_name_plural': 'salary ranges for the field',
                'ordering': ['position', 'slug'],
            },
        ),
        migrations.CreateModel(
            name='GraduateQuote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80, unique=True)),
                ('text', models.TextField(help_text='Word for word as the source prints it, without the quotation marks: never shortened, corrected or reworded.', max_length=600)),
                ('attribution', models.CharField(help_text='Who said it, exactly as the source says: a name it gives, or e.g. “A professional with a degree in machine learning”. Never a name it does not give.', max_length=150)),
                ('context', models.CharField(blank=True, help_text='Optional, in our own words: what they were talking about.', max_length=200)),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first.')),
            ],
            options={
                'verbose_name': 'graduate’s quote',
                'verbose_name_plural': 'graduates’ quotes',
                'ordering': ['position', 'slug'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalFieldSalaryRange',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80)),
                ('statement', models.CharField(help_text='What the range covers, in our own words; it completes “$90,000 to well over $200,000 a year: …”, so start in lower case.', max_length=200)),
                ('low', models.PositiveIntegerField(verbose_name='from (US$ a year)')),
                ('low_qualifier', models.CharField(blank=True, choices=[('', '(as stated)'), ('about', 'about'), ('more-than', 'more than'), ('well-over', 'well over')], max_length=10, verbose_name='how the source hedges the lower figure')),
                ('high', models.PositiveIntegerField(verbose_name='to (US$ a year)')),
                ('high_qualifier', models.CharField(blank=True, choices=[('', '(as stated)'), ('about', 'about'), ('more-than', 'more than'), ('well-over', 'well over')], help_text='E.g. “well over” when the source says “to well over $200,000”.', max_length=10, verbose_name='how the source hedges the upper figure')),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical salary range for the field',
                'verbose_name_plural': 'historical salary ranges for the field',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalGraduateQuote',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80)),
                ('text', models.TextField(help_text='Word for word as the source prints it, without the quotation marks: never shortened, corrected or reworded.', max_length=600)),
                ('attribution', models.CharField(help_text='Who said it, exactly as the source says: a name it gives, or e.g. “A professional with a degree in machine learning”. Never a name it does not give.', max_length=150)),
                ('context', models.CharField(blank=True, help_text='Optional, in our own words: what they were talking about.', max_length=200)),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical graduate’s quote',
                'verbose_name_plural': 'historical graduates’ quotes',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalKeyPoint',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80)),
                ('title', models.CharField(help_text='A few words that sum the point up.', max_length=120)),
                ('body', models.CharField(help_text='The point in a sentence or two of our own words.', max_length=300)),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first.')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
            ],
            options={
                'verbose_name': 'historical key point',
                'verbose_name_plural': 'historical key points',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='KeyPoint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=80, unique=True)),
                ('title', models.CharField(help_text='A few words that sum the point up.', max_length=120)),
                ('body', models.CharField(help_text='The point in a sentence or two of our own words.', max_length=300)),
                ('position', models.PositiveSmallIntegerField(default=0, help_text='Lower numbers come first.')),
            ],
            options={
                'verbose_name': 'key point',
                'ordering': ['position', 'slug'],
            },
        ),
        migrations.AddField(
            model_name='historicalsource',
            name='cited_in',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Only when we did not read this source ourselves: the source we read its figures in (e.g. BLS figures quoted in the careers article). Pages then show “…, as cited in …”.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='careers.source', verbose_name='as cited in'),
        ),
        migrations.AddField(
            model_name='source',
            name='cited_in',
            field=models.ForeignKey(blank=True, help_text='Only when we did not read this source ourselves: the source we read its figures in (e.g. BLS figures quoted in the careers article). Pages then show “…, as cited in …”.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='citing', to='careers.source', verbose_name='as cited in'),
        ),
        migrations.AlterField(
            model_name='historicalsource',
            name='note',
            field=models.TextField(blank=True, help_text='Anything else editors should know about this source.'),
        ),
        migrations.AlterField(
            model_name='source',
            name='note',
            field=models.TextField(blank=True, help_text='Anything else editors should know about this source.'),
        ),
        migrations.AddConstraint(
            model_name='source',
            constraint=models.CheckConstraint(condition=models.Q(('cited_in__isnull', True), models.Q(('cited_in', models.F('pk')), _negated=True), _connector='OR'), name='source_not_cited_in_itself', violation_error_message='A source cannot be cited in itself.'),
        ),
        migrations.AddField(
            model_name='fieldsalaryrange',
            name='source',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='field_salary_ranges', to='careers.source'),
        ),
        migrations.AddField(
            model_name='graduatequote',
            name='source',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='quotes', to='careers.source'),
        ),
        migrations.AddField(
            model_name='historicalfieldsalaryrange',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalfieldsalaryrange',
            name='source',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='careers.source'),
        ),
        migrations.AddField(
            model_name='historicalgraduatequote',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalgraduatequote',
            name='source',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='careers.source'),
        ),
        migrations.AddField(
            model_name='historicalkeypoint',
            name='history_user',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalkeypoint',
            name='source',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='careers.source'),
        ),
        migrations.AddField(
            model_name='keypoint',
            name='source',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='key_points', to='careers.source'),
        ),
        migrations.AddConstraint(
            model_name='fieldsalaryrange',
            constraint=models.CheckConstraint(condition=models.Q(('low__lte', models.F('high'))), name='field_salary_range_in_order', violation_error_message='The upper figure cannot be below the lower one.'),
        ),
        migrations.AddConstraint(
            model_name='graduatequote',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('text', ''), _negated=True), models.Q(('attribution', ''), _negated=True)), name='graduate_quote_has_words_and_speaker', violation_error_message='A quote needs its words and who said them.'),
        ),
        migrations.RunPython(cite_in_article, migrations.RunPython.noop),
    ]
