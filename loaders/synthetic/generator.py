"""Large synthetic award lists with planted overlaps, deterministic from a seed.

The background is realistic in its variety (name variants, credit codes written in
lower case, full width or not at all, a few corrupted codes, parks, focus areas,
central programs everywhere, pilot awards in selected cities, a city's own fund in its
city) but never forbidden: every background project has one award, and the projects of
one enterprise have different focus areas. Into it go planted cases, each with rows of
its own at random positions:

- overlaps the audit must report: one project with two central programs a rule forbids
  together; one project with central money and a local award in a pilot city during the
  pilot; two projects of one enterprise in one focus area in the same or adjacent years;
- look-alikes it must not report above the default confidence: one enterprise with
  unrelated projects in unrelated focus areas; two enterprises of the same name with
  different credit codes; one project funded centrally and, years later, locally in an
  unrelated focus area.

The truth file lists the rows of each planted case and the rows with corrupted codes.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from loaders.awards.credit_code import ALPHABET, EXCLUDED_LETTERS, check_character
from loaders.identity import region_uid
from loaders.synthetic import names
from loaders.synthetic.model import ProgramRoles
from loaders.synthetic.names import between, pick
from loaders.synthetic.truth import PlantedCase, Truth
from loaders.text.script import to_simplified
from loaders.vocabulary import FocusAreaEntry, Vocabulary

AWARD_HEADER = ("项目名称", "企业名称", "统一社会信用代码", "专项", "城市", "园区", "支持方向", "金额（万元）",
                "年度", "批次", "来源")
SELECTION_HEADER = ("城市", "专项", "批次", "年度", "来源")
SHUFFLE_BLOCK = 20_000  # background rows are shuffled within blocks: memory stays flat at any size
PARK_SUFFIXES = ("高新技术产业开发区", "经济技术开发区")
BATCHES = ("第一批", "第二批")

Row = list[str]


@dataclass(frozen=True)
class GeneratorSettings:
    awards: int = 20_000
    seed: int = 20_180_601
    planted_share: float = 0.03  # share of rows that belong to planted cases
    code_error_rate: float = 0.002
    first_year: int = 2016
    last_year: int = 2025
    pilot_cities: int = 6


@dataclass(frozen=True)
class _City:
    uid: str
    name: str
    province: str


@dataclass
class _Enterprise:
    core: str
    form: str
    code: str
    city: _City
    park: str = ""


@dataclass
class _Planted:
    kind: str
    expected: bool
    rows: list[Row] = field(default_factory=list)
    note: str = ""


class AwardGenerator:
    def __init__(self, settings: GeneratorSettings, vocabulary: Vocabulary, roles: ProgramRoles) -> None:
        self.settings = settings
        self.roles = roles
        self.rnd = random.Random(settings.seed)
        self.programs = {entry.uid: entry for entry in vocabulary.programs}
        # Lists in simplified script write a program by its name or a simplified alias.
        self.program_terms = {entry.uid: [term for term in entry.terms if to_simplified(term) == term]
                              for entry in vocabulary.programs}
        self.cities = [_City(region_uid("city", name), name, place.parent or "")
                       for name, place in vocabulary.regions.places.items() if place.kind == "city"]
        self.focus_areas = [entry for entry in vocabulary.focus_areas if entry.kind != "pillar"]
        self.pillar_of = {entry.uid: entry.pillar or entry.uid for entry in vocabulary.focus_areas}
        self.governed_central = [uid for uid in roles.central if "CENTRAL" in roles.governed.get(uid, ())]
        self._next_enterprise = 0
        self.selections = self._pick_selections()
        self.truth = Truth(seed=settings.seed, awards=settings.awards)

    # selections -------------------------------------------------------------------

    def _pick_selections(self) -> dict[str, tuple[str, int, str]]:
        """City uid -> (pilot uid, year, batch): every city with a fund of its own, and a few more."""
        if not self.roles.pilots:
            return {}
        chosen = [city for city in self.cities if city.uid in self.roles.local_funds]
        others = [city for city in self.cities if city.uid not in self.roles.local_funds]
        chosen += self.rnd.sample(others, min(len(others), max(0, self.settings.pilot_cities - len(chosen))))
        picked = {}
        for city in chosen:
            year = pick(self.rnd, (self.settings.last_year - 1, self.settings.last_year))
            batch = BATCHES[year - (self.settings.last_year - 1)]
            picked[city.uid] = (self.roles.pilots[0], year, batch)
        return picked

    def selection_rows(self) -> list[Row]:
        by_uid = {city.uid: city for city in self.cities}
        return [[by_uid[city].name, self.programs[pilot].name, batch, str(year), "模拟试点城市名单"]
                for city, (pilot, year, batch) in sorted(self.selections.items())]

    # rows -------------------------------------------------------------------------

    def award_rows(self) -> Iterator[Row]:
        """The data rows (without header); the truth is complete once they are consumed."""
        planted = self._planted_cases()
        planted_rows = [(case_index, row) for case_index, case in enumerate(planted) for row in case.rows]
        total = self.settings.awards
        positions = sorted(self.rnd.sample(range(total), len(planted_rows)))
        self.rnd.shuffle(planted_rows)
        at_position = dict(zip(positions, planted_rows, strict=True))
        case_rows: dict[int, list[int]] = {}
        background = self._background(total - len(planted_rows))
        for position in range(total):
            row_number = position + 2  # the header is row 1
            if position in at_position:
                case_index, row = at_position[position]
                case_rows.setdefault(case_index, []).append(row_number)
                yield row
                continue
            row, corrupted = next(background)
            if corrupted:
                self.truth.rejects.append(row_number)
            yield row
        for index, case in enumerate(planted):
            self.truth.cases.append(PlantedCase(case.kind, case.expected, sorted(case_rows[index]), case.note))

    def _background(self, count: int) -> Iterator[tuple[Row, bool]]:
        produced = 0
        while produced < count:
            block: list[tuple[Row, bool]] = []
            while len(block) < SHUFFLE_BLOCK and produced + len(block) < count:
                block.extend(self._background_enterprise(count - produced - len(block)))
            self.rnd.shuffle(block)
            produced += len(block)
            yield from block

    def _background_enterprise(self, room: int) -> list[tuple[Row, bool]]:
        enterprise = self._enterprise(pick(self.rnd, self.cities))
        projects = min(room, pick(self.rnd, (1, 1, 2, 2, 3, 4)))
        areas: list[FocusAreaEntry | None] = list(self.rnd.sample(self.focus_areas, projects))
        project_names = self._distinct_project_names(projects)
        rows = []
        for area, project in zip(areas, project_names, strict=True):
            if self.rnd.random() < 0.25:
                area = None  # many lists leave the focus area out
            program, year = self._background_program(enterprise.city)
            corrupted = self.rnd.random() < self.settings.code_error_rate
            rows.append((self._row(enterprise, project, program, year, area, corrupt=corrupted), corrupted))
        return rows

    def _background_program(self, city: _City) -> tuple[str, int]:
        s, rnd = self.settings, self.rnd
        local = self.roles.local_funds.get(city.uid)
        if local and rnd.random() < 0.4:
            return pick(rnd, local), between(rnd, max(s.first_year, 2020), s.last_year)
        selection = self.selections.get(city.uid)
        if selection and rnd.random() < 0.15:
            pilot, year, _ = selection
            return pilot, between(rnd, year, min(year + 2, s.last_year))
        return pick(rnd, self.roles.central), between(rnd, s.first_year, s.last_year)

    # planted cases ------------------------------------------------------------------

    def _planted_cases(self) -> list[_Planted]:
        wanted_rows = round(self.settings.awards * self.settings.planted_share)
        makers = [self._two_central, self._same_focus_area, self._unrelated_projects, self._same_name_two_codes]
        if self._channel_cities():
            makers += [self._central_and_local, self._central_then_local_elsewhere]
        cases: list[_Planted] = []
        rows = 0
        while rows + 2 <= wanted_rows and self.governed_central:
            case = makers[len(cases) % len(makers)]()
            cases.append(case)
            rows += len(case.rows)
        return cases

    def _channel_cities(self) -> list[_City]:
        return [city for city in self.cities if city.uid in self.roles.local_funds and city.uid in self.selections]

    def _forbidden_partner(self, governed: str) -> str:
        partners = [uid for uid in self.roles.central
                    if self.roles.forbidden(governed, "CENTRAL", uid, "CENTRAL")]
        return pick(self.rnd, partners)

    def _two_central(self) -> _Planted:
        rnd, s = self.rnd, self.settings
        enterprise = self._enterprise(pick(rnd, self.cities))
        first = pick(rnd, self.governed_central)
        second = self._forbidden_partner(first)
        year = between(rnd, s.first_year, s.last_year - 2)
        area = pick(rnd, self.focus_areas)
        project = names.project_name(rnd)
        rows = [self._row(enterprise, project, first, year, area),
                self._row(enterprise, names.project_variant(project, rnd), second, year + between(rnd, 0, 2),
                          area if rnd.random() < 0.7 else None)]
        return _Planted("TWO_CENTRAL", True, rows, f"{first} and {second} on one project")

    def _central_and_local(self) -> _Planted:
        rnd, s = self.rnd, self.settings
        city = pick(rnd, self._channel_cities())
        enterprise = self._enterprise(city)
        _, selected, _ = self.selections[city.uid]
        local_year = between(rnd, selected, min(selected + 2, s.last_year))
        central = pick(rnd, [uid for uid in self.roles.central
                              if not self.roles.one_budget(uid, self.roles.pilots[0])])
        central_year = between(rnd, max(s.first_year, local_year - 2), local_year)
        area = pick(rnd, self.focus_areas)
        project = names.project_name(rnd)
        fund = pick(rnd, self.roles.local_funds[city.uid])
        rows = [self._row(enterprise, project, central, central_year, area),
                self._row(enterprise, names.project_variant(project, rnd), fund, local_year,
                          area if rnd.random() < 0.7 else None, local_list=True)]
        return _Planted("CENTRAL_AND_LOCAL", True, rows, f"{central} and the city's fund in a pilot year")

    def _same_focus_area(self) -> _Planted:
        rnd, s = self.rnd, self.settings
        enterprise = self._enterprise(pick(rnd, self.cities))
        first = pick(rnd, self.governed_central)
        second = self._forbidden_partner(first)
        year = between(rnd, s.first_year, s.last_year - 1)
        area = pick(rnd, self.focus_areas)
        one, two = self._two_project_names()
        rows = [self._row(enterprise, one, first, year, area),
                self._row(enterprise, two, second, year + between(rnd, 0, 1), area)]
        return _Planted("SAME_ENTERPRISE_FOCUS_AREA", True, rows, "two project names, one focus area")

    def _unrelated_projects(self) -> _Planted:
        rnd, s = self.rnd, self.settings
        enterprise = self._enterprise(pick(rnd, self.cities))
        first = pick(rnd, self.governed_central)
        second = self._forbidden_partner(first)
        year = between(rnd, s.first_year, s.last_year)
        area, other = self._unrelated_areas()
        one, two = self._two_project_names()
        rows = [self._row(enterprise, one, first, year, area), self._row(enterprise, two, second, year, other)]
        return _Planted("UNRELATED_PROJECTS", False, rows, "one enterprise, unrelated projects")

    def _same_name_two_codes(self) -> _Planted:
        rnd, s = self.rnd, self.settings
        city = pick(rnd, self.cities)
        first_enterprise = self._enterprise(city)
        second_enterprise = _Enterprise(first_enterprise.core, first_enterprise.form, self._credit_code(), city)
        first = pick(rnd, self.governed_central)
        second = self._forbidden_partner(first)
        year = between(rnd, s.first_year, s.last_year)
        area = pick(rnd, self.focus_areas)
        project = names.project_name(rnd)
        rows = [self._row(first_enterprise, project, first, year, area, code_always=True),
                self._row(second_enterprise, project, second, year, area, code_always=True)]
        return _Planted("SAME_NAME_TWO_CODES", False, rows, "two enterprises of one name")

    def _central_then_local_elsewhere(self) -> _Planted:
        rnd, s = self.rnd, self.settings
        city = pick(rnd, self._channel_cities())
        enterprise = self._enterprise(city)
        _, selected, _ = self.selections[city.uid]
        local_year = between(rnd, selected, min(selected + 2, s.last_year))
        central_year = between(rnd, s.first_year, local_year - 4)
        area, other = self._unrelated_areas()
        project = names.project_name(rnd)
        rows = [self._row(enterprise, project, pick(rnd, self.governed_central), central_year, area),
                self._row(enterprise, project, pick(rnd, self.roles.local_funds[city.uid]), local_year, other,
                          local_list=True)]
        return _Planted("CENTRAL_THEN_LOCAL_ELSEWHERE", False, rows, "years apart, unrelated focus areas")

    def _two_project_names(self) -> tuple[str, str]:
        one, two = self._distinct_project_names(2)
        return one, two

    def _distinct_project_names(self, count: int) -> list[str]:
        """Names of one enterprise's projects: never two with the same key (phase and width aside)."""
        chosen: dict[str, str] = {}
        while len(chosen) < count:
            name = names.project_name(self.rnd)
            chosen.setdefault(names.project_identity(name), name)
        return list(chosen.values())

    def _unrelated_areas(self) -> tuple[FocusAreaEntry, FocusAreaEntry]:
        area = pick(self.rnd, self.focus_areas)
        others = [a for a in self.focus_areas if self.pillar_of[a.uid] != self.pillar_of[area.uid]]
        return area, pick(self.rnd, others)

    # one row --------------------------------------------------------------------------

    def _enterprise(self, city: _City) -> _Enterprise:
        core, form = names.enterprise_name(self._next_enterprise, self.rnd)
        self._next_enterprise += 1
        park = ""
        if self.rnd.random() < 0.3:
            park = city.name.removesuffix("市") + pick(self.rnd, PARK_SUFFIXES)
        return _Enterprise(core, form, self._credit_code(), city, park)

    def _credit_code(self) -> str:
        rnd = self.rnd
        body = "91" + "".join(rnd.choices("0123456789", k=6)) + "".join(rnd.choices(ALPHABET, k=9))
        return body + check_character(body)

    def _row(self, enterprise: _Enterprise, project: str, program: str, year: int, area: FocusAreaEntry | None,
             *, local_list: bool = False, code_always: bool = False, corrupt: bool = False) -> Row:
        rnd = self.rnd
        entry = self.programs[program]
        code = self._written_code(enterprise.code, local_list or entry.level != "CENTRAL", code_always)
        if corrupt:
            code = _corrupted(enterprise.code, rnd)
        city = enterprise.city
        return [
            project,
            names.name_variant(enterprise.core, enterprise.form, city.name, city.province, rnd),
            code,
            pick(rnd, self.program_terms[program]) if rnd.random() < 0.3 else entry.name,
            city.name if rnd.random() < 0.7 else city.name.removesuffix("市"),
            enterprise.park,
            "" if area is None else (area.name if rnd.random() < 0.8 or not area.aliases else area.aliases[0]),
            _amount(rnd),
            str(year) if rnd.random() < 0.8 else f"{year}年",
            pick(rnd, BATCHES) if rnd.random() < 0.3 else "",
            f"模拟{entry.name}{year}年项目清单",
        ]

    def _written_code(self, code: str, local_list: bool, always: bool) -> str:
        roll = self.rnd.random()
        if not always and roll < (0.5 if local_list else 0.1):
            return ""  # city lists often print no codes
        roll = self.rnd.random()
        if roll < 0.05:
            return code.lower()
        if roll < 0.1:
            return names.full_width(code)
        return code


def _corrupted(code: str, rnd: random.Random) -> str:
    """One character replaced by another (sometimes an excluded letter): the check character catches it."""
    position = rnd.randrange(len(code))
    choices = [char for char in ALPHABET + EXCLUDED_LETTERS if char != code[position]]
    return code[:position] + pick(rnd, choices) + code[position + 1:]


def _amount(rnd: random.Random) -> str:
    amount = round(rnd.uniform(20, 3000), 1)
    if amount >= 1000 and rnd.random() < 0.2:
        return f"{amount:,.1f}"
    return f"{amount:g}"


