"""Training-needs survey: BKPSDM opens it, employees propose wishes, results aggregated per unit."""

from __future__ import annotations

from collections import Counter, defaultdict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from renbang.accounts.scoping import for_user
from renbang.competencies.models import Competency
from renbang.org.models import OrgUnit

from .forms import DateInput
from .models_extra import NeedsSurvey, SurveyResponse
from .selectors import _row_units, _top_map


class SurveyForm(forms.ModelForm):
    class Meta:
        model = NeedsSurvey
        fields = ["title", "campaign", "opens_on", "closes_on"]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}


class AnswerForm(forms.Form):
    competencies = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Kompetensi yang ingin Anda kembangkan"), required=False,
        queryset=Competency.objects.none(), widget=forms.CheckboxSelectMultiple)
    wish = forms.CharField(label=gettext_lazy("Usulan lain (pelatihan, kursus, magang…)"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competencies"].queryset = Competency.objects.filter(
            Q(agency__isnull=True) | Q(agency=agency), active=True).order_by("competency_type", "code")

    def clean(self):
        data = super().clean()
        if not data.get("competencies") and not (data.get("wish") or "").strip():
            raise ValidationError(_("Pilih paling sedikit satu kompetensi atau tulis usulan."))
        return data


def _surveys(request):
    return for_user(NeedsSurvey.objects.all(), request.user).order_by("-opens_on")


@permission_required("needs.use", raise_exception=True)
@require_http_methods(["GET", "POST"])
def survey_list(request):
    form = None
    if request.user.has_perm("needs.manage_surveys"):
        form = SurveyForm(request.POST or None, instance=NeedsSurvey(agency=request.user.agency))
        form.fields["campaign"].queryset = form.fields["campaign"].queryset.filter(agency=request.user.agency)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Survei dibuka."))
            return redirect("needs:surveys")
    elif request.method == "POST":
        raise Http404
    today = timezone.localdate()
    return render(request, "needs/survey_list.html", {"surveys": _surveys(request), "form": form, "today": today})


@permission_required("needs.answer_surveys", raise_exception=True)
@require_http_methods(["GET", "POST"])
def survey_answer(request, pk: int):
    survey = get_object_or_404(_surveys(request), pk=pk)
    today = timezone.localdate()
    is_open = survey.opens_on <= today <= survey.closes_on
    answer = SurveyResponse.objects.filter(survey=survey, employee_id=request.user.employee_id).first()
    initial = {"competencies": list(answer.competencies.all()), "wish": answer.wish} if answer else None
    form = AnswerForm(request.POST or None, initial=initial, agency=request.user.agency)
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("Survei tidak sedang dibuka."))
        elif form.is_valid():
            with transaction.atomic():
                answer = answer or SurveyResponse(survey=survey, employee_id=request.user.employee_id)
                answer.wish = form.cleaned_data["wish"].strip()
                answer.full_clean()
                answer.save()
                answer.competencies.set(form.cleaned_data["competencies"])
            messages.success(request, _("Usulan Anda tersimpan. Terima kasih."))
            return redirect("needs:survey_answer", pk=survey.pk)
    return render(request, "needs/survey_answer.html", {"survey": survey, "form": form, "is_open": is_open,
                                                        "answer": answer})


@permission_required("needs.view_results", raise_exception=True)
def survey_results(request, pk: int):
    survey = get_object_or_404(_surveys(request), pk=pk)
    responses = for_user(SurveyResponse.objects.filter(survey=survey), request.user)
    units = list(for_user(OrgUnit.objects.filter(agency=survey.agency), request.user)
                 .values_list("pk", "parent_id", "name"))
    rows = _row_units(units, None, request.user)
    top_of = _top_map(units, {pk for pk, _n in rows})
    names = dict(rows)
    counts: dict[int, Counter] = defaultdict(Counter)
    total = Counter()
    through = SurveyResponse.competencies.through.objects.filter(surveyresponse__in=responses.values("pk"))
    for unit_id, comp_id in through.values_list("surveyresponse__employee__unit_id", "competency_id"):
        top = top_of.get(unit_id)
        if top is not None:
            counts[top][comp_id] += 1
            total[comp_id] += 1
    competencies = {c.pk: c for c in Competency.objects.filter(pk__in=total)}
    ranked = [(competencies[c], n) for c, n in total.most_common(15)]
    by_unit = [{"name": names[u], "top": [(competencies[c], n) for c, n in counts[u].most_common(5)]}
               for u, _n in rows if counts.get(u)]
    wishes = responses.exclude(wish="").select_related("employee__unit").order_by("-submitted_at")[:100]
    return render(request, "needs/survey_results.html", {
        "survey": survey, "answers": responses.count(), "ranked": ranked, "by_unit": by_unit, "wishes": wishes})
