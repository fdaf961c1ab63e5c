"""党费 rules: the monthly amount, 党费交至年月, arrears and the 补交 difference.

中组发〔2008〕3号《关于中国共产党党费收缴、使用和管理的规定》 (“2008 规定”) and
中组部办公厅 组电明字〔2017〕5号《关于进一步规范党费工作的通知》 (“2017 通知”).
The whole base is multiplied by one rate (not a marginal scale); each bracket's
upper bound belongs to it: 3000.00 → 0.5 %, 3000.01 → 1 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

# 2008 规定 第二条 (在职), 第三条 (年薪制), 第四条 (个体等不按月取得收入者): upper bound inclusive -> rate
WAGE_BRACKETS = ((Decimal("3000"), Decimal("0.005")), (Decimal("5000"), Decimal("0.01")),
                 (Decimal("10000"), Decimal("0.015")), (None, Decimal("0.02")))
# 2008 规定 第五条, narrowed by 2017 通知 and the 2018 答复 to the basic pension
RETIREE_BRACKETS = ((Decimal("5000"), Decimal("0.005")), (None, Decimal("0.01")))
WAGE_CATEGORIES = ("在职", "年薪制", "个体")
FIXED_CATEGORIES = ("学生", "下岗失业", "低保")  # 2008 规定 第六条: 每月0.2元
FIXED_AMOUNT = Decimal("0.20")
FARMER_RANGE = (Decimal("0.20"), Decimal("1.00"))  # 2008 规定 第六条: 农民党员每月0.2元至1元
CATEGORIES = WAGE_CATEGORIES + ("离退休", "农民") + FIXED_CATEGORIES
LARGE_PAYMENT = Decimal("1000")  # 2008 规定 第十一条; 2017 通知: 月交一般不超过1000元
MONTHLY_CAP = Decimal("1000.00")  # 2017 通知 (1): 每月交纳党费一般不超过1000元, more is voluntary
MAX_BACK_MONTHS = 6  # 补交、预交 at most 6 months (旗帜; 党员教育管理工作条例 第三十一条)
ARREARS_WARNING, ARREARS_SERIOUS = 3, 6  # 6 consecutive months unpaid: 按自行脱党处理 (the branch decides)

BASIS = {
    "在职": "中组发〔2008〕3号 第二条", "年薪制": "中组发〔2008〕3号 第三条", "个体": "中组发〔2008〕3号 第四条",
    "离退休": "中组发〔2008〕3号 第五条；组电明字〔2017〕5号", "农民": "中组发〔2008〕3号 第六条",
    "学生": "中组发〔2008〕3号 第六条", "下岗失业": "中组发〔2008〕3号 第六条", "低保": "中组发〔2008〕3号 第六条",
}


def _check(category: str, base: Decimal) -> Decimal:
    if category not in CATEGORIES:
        raise ValueError(f"未知的党费类别“{category}”（应为：{'、'.join(CATEGORIES)}）")
    base = Decimal(base)
    if base < 0:
        raise ValueError("计算基数不能为负数")
    return base


def rate_for(category: str, base: Decimal) -> Decimal:
    """The single rate applied to the whole base; 0 for the fixed-amount categories."""
    base = _check(category, base)
    if category in WAGE_CATEGORIES:
        brackets = WAGE_BRACKETS
    elif category == "离退休":
        brackets = RETIREE_BRACKETS
    else:
        return Decimal("0")
    for upper, rate in brackets:
        if upper is None or base <= upper:
            return rate
    raise AssertionError("unreachable")


def monthly_dues(
    category: str, base: Decimal, *, farmer_amount: Decimal = Decimal("0.20"), rounding: str = ROUND_HALF_UP
) -> Decimal:
    """The monthly 党费 for a category (its Chinese name) and a monthly base, rounded to the 分."""
    base = _check(category, base)
    if category in FIXED_CATEGORIES:
        return FIXED_AMOUNT
    if category == "农民":
        farmer_amount = Decimal(farmer_amount)
        if not FARMER_RANGE[0] <= farmer_amount <= FARMER_RANGE[1]:
            raise ValueError("农民党员每月交纳0.2元至1元")
        return farmer_amount.quantize(CENT)
    return (base * rate_for(category, base)).quantize(CENT, rounding=rounding)


def assessed_monthly(
    category: str, base: Decimal, *, farmer_amount: Decimal = Decimal("0.20"), rounding: str = ROUND_HALF_UP
) -> Decimal:
    """What a member is asked to pay a month: the rule's amount, at most 1000 元 (2017 通知 (1)).

    ``monthly_dues`` stays the rule itself (base × rate); anything above the cap is voluntary.
    """
    return min(monthly_dues(category, base, farmer_amount=farmer_amount, rounding=rounding), MONTHLY_CAP)


ROUNDINGS = {"ROUND_HALF_UP": ROUND_HALF_UP, "ROUND_CEILING": ROUND_CEILING}


# -- months ---------------------------------------------------------------------

def month_index(year: int, month: int) -> int:
    """A month as one integer, so ranges and gaps are simple arithmetic."""
    return year * 12 + month - 1


def month_of(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def month_text(index: int) -> str:
    year, month = month_of(index)
    return f"{year}-{month:02d}"


def paid_until(paid_months: set[int], start: int) -> int | None:
    """党费交至年月: the last month of the unbroken run of paid months from ``start`` (None if ``start`` unpaid)."""
    if start not in paid_months:
        return None
    month = start
    while month + 1 in paid_months:
        month += 1
    return month


@dataclass(frozen=True)
class Arrears:
    months: int  # consecutive unpaid months ending with the last due month
    level: str  # 正常 / 提醒 / 严重


def arrears(paid_months: set[int], due_months: list[int]) -> Arrears:
    """Consecutive unpaid due months counted back from the latest due month."""
    run = 0
    for month in sorted(due_months, reverse=True):
        if month in paid_months:
            break
        run += 1
    return Arrears(run, arrears_level(run))


def arrears_level(months: int) -> str:
    """正常, 提醒 (3 months and more) or 严重 (6 and more: 按自行脱党处理, which the branch decides)."""
    return "严重" if months >= ARREARS_SERIOUS else "提醒" if months >= ARREARS_WARNING else "正常"


@dataclass(frozen=True)
class BackPayLine:
    month: int
    paid_at: Decimal
    should_be: Decimal

    @property
    def difference(self) -> Decimal:
        return self.should_be - self.paid_at


def back_pay(category: str, wrong_base: Decimal, right_base: Decimal, months: list[int], *,
             farmer_amount: Decimal = Decimal("0.20"), rounding: str = ROUND_HALF_UP) -> list[BackPayLine]:
    """补交 calculator: month by month, what was paid on the wrong base and what is owed on the right one."""
    paid = monthly_dues(category, wrong_base, farmer_amount=farmer_amount, rounding=rounding)
    owed = monthly_dues(category, right_base, farmer_amount=farmer_amount, rounding=rounding)
    return [BackPayLine(m, paid, owed) for m in sorted(months)]


def spread(amount: Decimal, owed: list[tuple[int, Decimal]]) -> dict[int, Decimal]:
    """A payment's amount attributed to the months it covers, in proportion to what each owed.

    Equal months get equal shares; the cents left by rounding go to the last month, so
    the parts always add up to the payment (a 台账's 1–12月实缴 sum to what was paid).
    Months that owed nothing share equally.
    """
    if not owed:
        return {}
    total = sum((o for _, o in owed), Decimal("0"))
    parts: dict[int, Decimal] = {}
    for month, o in owed[:-1]:
        share = amount * o / total if total > 0 else amount / len(owed)
        parts[month] = share.quantize(CENT, rounding=ROUND_HALF_UP)
    parts[owed[-1][0]] = amount - sum(parts.values(), Decimal("0"))
    return parts


_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_SECTIONS = ("", "万", "亿")


def rmb_upper(amount: Decimal) -> str:
    """An amount in 大写 as receipts write it: 1234.50 → 壹仟贰佰叁拾肆元伍角整."""
    amount = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount < 0:
        raise ValueError("金额不能为负数")
    yuan, cents = divmod(int(amount * 100), 100)
    if yuan >= 10 ** 12:
        raise ValueError("金额过大")
    text = ""
    if yuan:
        groups = []
        while yuan:
            yuan, group = divmod(yuan, 10000)
            groups.append(group)
        parts, zero = [], False
        for index in range(len(groups) - 1, -1, -1):
            group = groups[index]
            if group == 0:
                zero = bool(parts)
                continue
            if parts and (zero or group < 1000):
                parts.append("零")
            parts.append(_group_upper(group) + _SECTIONS[index])
            zero = False
        text = "".join(parts) + "元"
    jiao, fen = divmod(cents, 10)
    if not cents:
        return (text or "零元") + "整"
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif text:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    else:
        text += "整"
    return text


def _group_upper(group: int) -> str:
    out, zero = "", False
    for position in range(3, -1, -1):
        digit = group // 10 ** position % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[digit] + _UNITS[position]
    return out
