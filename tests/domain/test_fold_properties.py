"""Properties of the fold: arrival order does not matter; concurrent answers conflict."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.domain.events import Event
from sync.domain.fold import JourneyState, fold, order
from tests.domain.factory import SimDevice, new_journey_id
from tests.domain.strategies import FIELDS, Simulation, Step, Sync, Write, jumps, steps

# Each example plays a whole multi-device script; a few hundred keep the suite quick.
SIM = settings(max_examples=300, deadline=None)


def _check_answers(sim: Simulation, view: list[Event]) -> JourneyState:
    """Fold ``view`` and compare every field's heads with the causal history."""
    state = fold(sim.journey_id, view)
    ids = [e.id for e in view]
    expected_conflicts = []
    for field in FIELDS:
        heads = sim.heads(ids, field)
        if not heads:
            assert field not in state.answers
            continue
        answer = state.answers[field]
        assert [w.event_id for w in answer.heads] == heads
        assert answer.in_conflict == (len(heads) > 1)
        assert answer.value == sim.writes[heads[-1]].data["value"]
        history = [i for i in ids if i in sim.writes and sim.writes[i].data["field"] == field]
        assert sorted(w.event_id for w in answer.history) == sorted(history)
        if len(heads) > 1:
            expected_conflicts.append(field)
    assert state.conflicts == tuple(sorted(expected_conflicts))
    return state


@SIM
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(st.just(n), steps(n))), st.data())
def test_the_fold_does_not_depend_on_arrival_order_or_duplicates(
    case: tuple[int, list[Step]], data: st.DataObject
) -> None:
    devices, script = case
    sim = Simulation(devices)
    sim.play(script)
    events = sim.events()
    expected = fold(sim.journey_id, events)
    assert expected.event_count == len(events)

    duplicates = data.draw(st.lists(st.sampled_from(events), max_size=5)) if events else []
    stranger = SimDevice("dev-x", journey_id=new_journey_id("elsewhere"))
    foreign = [stranger.start(), stranger.answer(FIELDS[0], "elsewhere")]
    arrival = data.draw(st.permutations(events + duplicates + foreign))
    assert fold(sim.journey_id, arrival) == expected
    assert fold(sim.journey_id, iter(arrival)) == expected
    assert fold(sim.journey_id, order(arrival)) == expected
    assert order(e for e in arrival if e.journey_id == sim.journey_id) == order(events)


@SIM
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(st.just(n), steps(n))))
def test_answer_heads_are_the_writes_no_other_write_had_seen(
    case: tuple[int, list[Step]],
) -> None:
    devices, script = case
    sim = Simulation(devices)
    sim.play(script)
    # A write is later by the clock than everything its device had seen.
    for write_id, past in sim.seen.items():
        for earlier in past:
            earlier_event = next(d.known[earlier] for d in sim.devices if earlier in d.known)
            assert earlier_event.hlc < sim.writes[write_id].hlc
    # Every device's partial view folds to the heads its causal history gives...
    for device in sim.devices:
        _check_answers(sim, list(device.known.values()))
    # ...and so does everything put together.
    _check_answers(sim, sim.events())


@SIM
@given(st.integers(2, 4).flatmap(lambda n: st.tuples(st.just(n), steps(n, others=False))))
def test_one_write_over_all_heads_settles_every_conflict(case: tuple[int, list[Step]]) -> None:
    devices, script = case
    sim = Simulation(devices)
    sim.play(script)
    mediator = sim.devices[0]
    for other in sim.devices[1:]:
        mediator.sync_from(other)
    before = _check_answers(sim, sim.events())
    for field in before.conflicts:
        heads = sim.heads(mediator.known, field)
        assert len(heads) > 1
        sim.step(Write(0, field, "settled", 0))
    after = _check_answers(sim, sim.events())
    assert after.conflicts == ()
    for field in before.conflicts:
        assert after.answers[field].value == "settled"
        assert len(after.answers[field].history) == len(before.answers[field].history) + 1
    # Once everyone has everything, every device folds to the same state.
    for device in sim.devices[1:]:
        device.sync_from(mediator)
    assert all(fold(sim.journey_id, d.known.values()) == after for d in sim.devices)


@settings(max_examples=200, deadline=None)
@given(
    saw_it=st.booleans(),
    first_jump=jumps,
    second_jump=jumps,
    values=st.tuples(st.text(max_size=5), st.text(max_size=5)),
)
def test_two_devices_conflict_exactly_when_neither_saw_the_other(
    saw_it: bool, first_jump: int, second_jump: int, values: tuple[str, str]
) -> None:
    sim = Simulation(2)
    script: list[Step] = [Write(0, "address.new", values[0], first_jump)]
    if saw_it:
        script.append(Sync(0, 1))
    script.append(Write(1, "address.new", values[1], second_jump))
    sim.play(script)
    state = fold(sim.journey_id, sim.events())
    answer = state.answers["address.new"]
    van_write, home_write = sim.writes.values()
    if saw_it:
        assert home_write.data["supersedes"] == [van_write.id]
        assert not answer.in_conflict
        assert state.conflicts == ()
        assert answer.value == values[1]
    else:
        assert home_write.data["supersedes"] == []
        assert answer.in_conflict
        assert state.conflicts == ("address.new",)
        assert {w.event_id for w in answer.heads} == {van_write.id, home_write.id}
        assert sorted(w.value for w in answer.heads) == sorted(values)
