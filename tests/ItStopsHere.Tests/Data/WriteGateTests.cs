using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;

namespace ItStopsHere.Tests.Data;

public class WriteGateTests
{
    [Fact]
    public async Task SecondWriter_WaitsForTheFirstToFinish_WithoutHoldingAThread()
    {
        var gate = new WriteGate();
        var first = await gate.EnterAsync();

        var second = gate.EnterAsync();
        Assert.False(second.IsCompleted);

        first.Dispose();
        using var turn = await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Waiters_GetTheirTurnInArrivalOrder()
    {
        var gate = new WriteGate();
        var order = new List<int>();
        var held = await gate.EnterAsync();
        var waiting = Enumerable.Range(1, 3).Select(async i =>
        {
            using (await gate.EnterAsync())
            {
                order.Add(i);
            }
        }).ToList();

        held.Dispose();
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal([1, 2, 3], order);
    }
}

public class SigningLoadTests
{
    [Fact]
    public void BatchesBelowTheThreshold_AreNotAQueue()
    {
        var load = new SigningLoad();

        load.Report(1);
        load.Report(SigningLoad.Threshold - 1);

        Assert.False(load.PeopleWaiting);
    }

    [Fact]
    public void ABatchAtTheThreshold_MeansPeopleAreWaiting()
    {
        var load = new SigningLoad();

        load.Report(SigningLoad.Threshold);

        Assert.True(load.PeopleWaiting);
    }
}
