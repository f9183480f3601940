# Adam with a per-point (stochastic) update: the lecture's do_adam_sgd
# (Module 5.9), run on 500 points whose x is mostly 0. A benchmark workload:
# bench/adam.opt, bench/adam_np.py and bench/adam_math.py are the same program.
# This copy is for CPython with numpy scalars, as the lecture writes it.
import numpy as np

# Number of passes over the data. bench/run --callgrind rewrites this line.
EPOCHS = 1000

# The sigmoid neuron of the lecture and the gradients of its squared error.
def f(w,b,x):
    return 1.0/(1.0+np.exp(-(w*x+b)))

def grad_b(w,b,x,y):
    fx = f(w,b,x)
    return (fx-y)*fx*(1-fx)

def grad_w(w,b,x,y):
    fx = f(w,b,x)
    return (fx-y)*fx*(1-fx)*x

# 500 points; x is 0 for 80% of them (i % 5 != 0), so the feature of w is
# sparse. y is the neuron with w*=0.9, b*=0.4 plus a fixed ripple in
# [-0.05, 0.05), so that no setting of w, b fits every point exactly.
X = [((i*7919) % 1000)/1000*4 - 2 if i % 5 == 0 else 0 for i in range(500)]
Y = [f(0.9,0.4,X[i]) + 0.1*(((i*3571) % 100)/100 - 0.5) for i in range(500)]

def do_adam_sgd(max_epochs):
    #Initialization
    w,b,eta = -4,-4,0.1
    beta1,beta2 = 0.9,0.999
    m_w,m_b,v_w,v_b = 0,0,0,0
    for i in range(max_epochs):
        dw,db = 0,0
        eps = 1e-10
        for x,y in zip(X,Y):
            #compute the gradients
            dw = grad_w(w,b,x,y)
            db = grad_b(w,b,x,y)
            #compute intermediate values
            m_w = beta1*m_w+(1-beta1)*dw
            m_b = beta1*m_b+(1-beta1)*db
            v_w = beta2*v_w+(1-beta2)*dw**2
            v_b = beta2*v_b+(1-beta2)*db**2
            m_w_hat = m_w/(1-np.power(beta1,i+1))
            m_b_hat = m_b/(1-np.power(beta1,i+1))
            v_w_hat = v_w/(1-np.power(beta2,i+1))
            v_b_hat = v_b/(1-np.power(beta2,i+1))
            #update parameters
            w = w - eta*m_w_hat/(np.sqrt(v_w_hat)+eps)
            b = b - eta*m_b_hat/(np.sqrt(v_b_hat)+eps)
    return w, b

w, b = do_adam_sgd(EPOCHS)
print(w, b)
