-- Adam with a per-point (stochastic) update: the lecture's do_adam_sgd
-- (Module 5.9), run on 500 points whose x is mostly 0. A benchmark workload:
-- bench/adam.opt, bench/adam_np.py, bench/adam_math.py and bench/adam.lua are the same program.
-- This copy is for Lua 5.4 (`lua5.4 bench/adam.lua`): globals where Python has
-- module globals, locals where it has locals, math.exp/math.sqrt and ^ for ** and np.power.

-- Number of passes over the data. bench/run --callgrind rewrites this line.
EPOCHS = 1000

-- The sigmoid neuron of the lecture and the gradients of its squared error.
function f(w,b,x)
    return 1.0/(1.0+math.exp(-(w*x+b)))
end

function grad_b(w,b,x,y)
    local fx = f(w,b,x)
    return (fx-y)*fx*(1-fx)
end

function grad_w(w,b,x,y)
    local fx = f(w,b,x)
    return (fx-y)*fx*(1-fx)*x
end

-- 500 points; x is 0 for 80% of them (i % 5 ~= 0), so the feature of w is
-- sparse. y is the neuron with w*=0.9, b*=0.4 plus a fixed ripple in
-- [-0.05, 0.05), so that no setting of w, b fits every point exactly.
X, Y = {}, {}
for i = 0, 499 do X[i+1] = (i % 5 == 0) and ((i*7919) % 1000)/1000*4 - 2 or 0 end
for i = 0, 499 do Y[i+1] = f(0.9,0.4,X[i+1]) + 0.1*(((i*3571) % 100)/100 - 0.5) end

function do_adam_sgd(max_epochs)
    --Initialization
    local w,b,eta = -4,-4,0.1
    local beta1,beta2 = 0.9,0.999
    local m_w,m_b,v_w,v_b = 0,0,0,0
    for i = 0, max_epochs-1 do
        local dw,db = 0,0
        local eps = 1e-10
        for k = 1, #X do
            local x,y = X[k],Y[k]
            --compute the gradients
            dw = grad_w(w,b,x,y)
            db = grad_b(w,b,x,y)
            --compute intermediate values
            m_w = beta1*m_w+(1-beta1)*dw
            m_b = beta1*m_b+(1-beta1)*db
            v_w = beta2*v_w+(1-beta2)*dw^2
            v_b = beta2*v_b+(1-beta2)*db^2
            local m_w_hat = m_w/(1-beta1^(i+1))
            local m_b_hat = m_b/(1-beta1^(i+1))
            local v_w_hat = v_w/(1-beta2^(i+1))
            local v_b_hat = v_b/(1-beta2^(i+1))
            --update parameters
            w = w - eta*m_w_hat/(math.sqrt(v_w_hat)+eps)
            b = b - eta*m_b_hat/(math.sqrt(v_b_hat)+eps)
        end
    end
    return w, b
end

local w, b = do_adam_sgd(EPOCHS)
print(string.format("%.17g %.17g", w, b))
